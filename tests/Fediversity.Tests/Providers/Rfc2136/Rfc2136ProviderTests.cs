using ARSoft.Tools.Net.Dns;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Tests.Providers.PowerDns;

namespace Fediversity.Tests.Providers.Rfc2136;

[Collection(BindCollection.Name)]
public sealed class Rfc2136ProviderTests(BindServer server)
{
    private const string Zone = BindServer.Zone;

    private readonly ResourceProvider zones = server.Providers().Single(p => p.Kind == DnsZoneKind.Kind);
    private readonly ResourceProvider records = server.Providers().Single(p => p.Kind == DnsRecordKind.Kind);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordSet_CreateUpdateDelete_IsSeenOverDns()
    {
        var name = Unique("social");
        var reporter = new RecordingReporter();

        var first = DnsResources.RecordSet(Zone, name, "A", 300, "192.0.2.10");
        await records.CreateAsync(DnsResources.Request(first, reporter), Token);

        Assert.Equal(["192.0.2.10"], await LoopbackDns.DataAsync(server.Port, name, RecordType.A));
        var read = await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, first), Token);
        Assert.NotNull(read);
        Assert.Equal(first, read.Inputs);

        var second = DnsResources.RecordSet(Zone, name, "A", 120, "192.0.2.12", "192.0.2.11");
        await records.UpdateAsync(DnsResources.Request(second, reporter), Token);

        Assert.Equal(["192.0.2.11", "192.0.2.12"], await LoopbackDns.DataAsync(server.Port, name, RecordType.A));
        var answer = await LoopbackDns.QueryAsync(server.Port, name, RecordType.A);
        Assert.All(answer.AnswerRecords, r => Assert.Equal(120, r.TimeToLive));
        read = await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, second), Token);
        Assert.NotNull(read);
        Assert.Equal(second, read.Inputs);

        await records.DeleteAsync(DnsResources.Record(DnsRecordKind.Kind, second), reporter, Token);

        Assert.Equal(ReturnCode.NxDomain, (await LoopbackDns.QueryAsync(server.Port, name, RecordType.A)).ReturnCode);
        Assert.Null(await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, second), Token));
    }

    [Fact]
    public async Task RecordSet_NamesWithoutTrailingDots_AreAbsolute()
    {
        var bareZone = Zone.TrimEnd('.');
        var name = Unique("www").TrimEnd('.');
        var inputs = DnsResources.RecordSet(bareZone, name, "CNAME", 300, "social." + bareZone);

        await records.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token);

        Assert.Equal(["social." + Zone], await LoopbackDns.DataAsync(server.Port, name + ".", RecordType.CName));
        var read = await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, inputs), Token);
        Assert.NotNull(read);
        Assert.Equal(inputs, read.Inputs);
    }

    [Fact]
    public async Task Delete_OfARecordSetAlreadyGone_Succeeds()
    {
        var reporter = new RecordingReporter();
        var record = DnsResources.Record(
            DnsRecordKind.Kind, DnsResources.RecordSet(Zone, Unique("gone"), "A", 300, "192.0.2.1"));

        await records.DeleteAsync(record, reporter, Token);

        Assert.Contains(reporter.Lines, l => l.Contains("already gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_AfterAChangeMadeOutsideFediversity_ShowsTheDrift()
    {
        var name = Unique("drift");
        var inputs = DnsResources.RecordSet(Zone, name, "A", 300, "192.0.2.20");
        await records.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token);

        var outside = DnsResources.RecordSet(Zone, name, "A", 60, "198.51.100.7");
        await records.UpdateAsync(DnsResources.Request(outside, new RecordingReporter()), Token);
        var read = await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, inputs), Token);

        Assert.NotNull(read);
        Assert.Equal(ResourceValue.Of(60), read.Inputs[DnsRecordKind.Ttl]);
        Assert.Equal(["198.51.100.7"], DnsResources.Texts(read, DnsRecordKind.Records));
    }

    [Fact]
    public async Task Update_SignedWithAWrongSecret_IsRefusedSayingTheKeyIsWrong()
    {
        var wrong = new Secret(Convert.ToBase64String(new byte[32]));
        var provider = server.Providers(server.Options(secret: wrong)).Single(p => p.Kind == DnsRecordKind.Kind);
        var name = Unique("refused");
        var inputs = DnsResources.RecordSet(Zone, name, "A", 300, "192.0.2.66");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token));

        Assert.Contains("refused the TSIG signature", error.Message, StringComparison.Ordinal);
        Assert.Contains("the secret differs", error.Message, StringComparison.Ordinal);
        Assert.Contains("tsigSecretFile", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.Reveal(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Secret.Reveal(), error.Message, StringComparison.Ordinal);
        Assert.Equal(ReturnCode.NxDomain, (await LoopbackDns.QueryAsync(server.Port, name, RecordType.A)).ReturnCode);
    }

    [Fact]
    public async Task Update_SignedWithAnUnknownKeyName_IsRefusedSayingTheKeyIsWrong()
    {
        var provider = server.Providers(server.Options(keyName: "no-such-key"))
            .Single(p => p.Kind == DnsRecordKind.Kind);
        var inputs = DnsResources.RecordSet(Zone, Unique("refused"), "A", 300, "192.0.2.67");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token));

        Assert.Contains("refused the TSIG signature", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not know the key", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateZone_ServedByTheServer_IsTakenAsItIs()
    {
        var reporter = new RecordingReporter();
        var inputs = DnsResources.Zone(Zone.TrimEnd('.'));

        await zones.CreateAsync(DnsResources.Request(inputs, reporter), Token);

        Assert.Contains(reporter.Lines, l => l.Contains("is served", StringComparison.Ordinal));
        Assert.NotNull(await zones.ReadAsync(DnsResources.Record(DnsZoneKind.Kind, inputs), Token));
    }

    [Fact]
    public async Task CreateZone_ThatTheServerDoesNotServe_FailsSayingToAddIt()
    {
        var inputs = DnsResources.Zone("missing.test");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => zones.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token));

        Assert.Contains("Zone missing.test. does not exist on the DNS server", error.Message, StringComparison.Ordinal);
        Assert.Null(await zones.ReadAsync(DnsResources.Record(DnsZoneKind.Kind, inputs), Token));
    }

    [Fact]
    public async Task DeleteZone_LeavesTheZoneAndSaysSo()
    {
        var reporter = new RecordingReporter();
        var record = DnsResources.Record(DnsZoneKind.Kind, DnsResources.Zone(Zone));

        await zones.DeleteAsync(record, reporter, Token);

        Assert.Contains(reporter.Lines, l => l.Contains("is left on the DNS server", StringComparison.Ordinal));
        Assert.True((await LoopbackDns.QueryAsync(server.Port, Zone, RecordType.Soa)).IsAuthoritiveAnswer);
    }

    [Fact]
    public async Task RecordSet_WithContentThatIsNotOfItsType_FailsBeforeSending()
    {
        var inputs = DnsResources.RecordSet(Zone, Unique("bad"), "A", 300, "not-an-address");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => records.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token));

        Assert.Contains("not valid A records", error.Message, StringComparison.Ordinal);
    }

    private static string Unique(string label) => $"{label}-{Guid.NewGuid():N}"[..20] + "." + Zone;
}
