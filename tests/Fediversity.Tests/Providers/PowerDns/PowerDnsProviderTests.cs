using System.Net.Http.Json;
using System.Text.Json;
using ARSoft.Tools.Net.Dns;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.Providers.PowerDns;

[Collection(PowerDnsCollection.Name)]
public sealed class PowerDnsProviderTests(PowerDnsServer server)
{
    private readonly ResourceProvider zones = server.Providers().Single(p => p.Kind == DnsZoneKind.Kind);
    private readonly ResourceProvider records = server.Providers().Single(p => p.Kind == DnsRecordKind.Kind);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateZone_Twice_MakesOneNativeZoneThatAnswersOverDns()
    {
        var zone = DnsResources.UniqueZone("fedi.test");
        var reporter = new RecordingReporter();
        var inputs = DnsResources.Zone(zone, "ns1.fedi.test", "ns2.fedi.test.");

        await zones.CreateAsync(DnsResources.Request(inputs, reporter), Token);
        await zones.CreateAsync(DnsResources.Request(inputs, reporter), Token);

        Assert.Contains(reporter.Lines, l => l.Contains("created", StringComparison.Ordinal));
        Assert.Contains(reporter.Lines, l => l.Contains("taken over", StringComparison.Ordinal));
        using var json = await ApiAsync(HttpMethod.Get, zone + ".");
        Assert.Equal("Native", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("DEFAULT", json.RootElement.GetProperty("soa_edit_api").GetString());

        var soa = await LoopbackDns.QueryAsync(server.DnsPort, zone, RecordType.Soa);
        Assert.True(soa.IsAuthoritiveAnswer);
        Assert.Single(soa.AnswerRecords.OfType<SoaRecord>());
        Assert.Equal(
            ["ns1.fedi.test.", "ns2.fedi.test."], await LoopbackDns.DataAsync(server.DnsPort, zone, RecordType.Ns));

        var reading = await zones.ReadAsync(DnsResources.Record(DnsZoneKind.Kind, inputs), Token);
        Assert.NotNull(reading);
        Assert.Equal(inputs, reading.Inputs);
    }

    [Fact]
    public async Task Zone_WhoseNameNeedsEscapingInTheApiPath_IsFoundAndChanged()
    {
        var zone = "_x" + DnsResources.UniqueZone("fedi.test") + ".";
        var reporter = new RecordingReporter();
        await zones.CreateAsync(DnsResources.Request(DnsResources.Zone(zone), reporter), Token);

        var inputs = DnsResources.RecordSet(zone, "www." + zone, "A", 300, "192.0.2.30");
        await records.CreateAsync(DnsResources.Request(inputs, reporter), Token);

        Assert.NotNull(await zones.ReadAsync(DnsResources.Record(DnsZoneKind.Kind, DnsResources.Zone(zone)), Token));
        Assert.Equal(["192.0.2.30"], await LoopbackDns.DataAsync(server.DnsPort, "www." + zone, RecordType.A));
    }

    [Fact]
    public async Task RecordSet_CreateUpdateDelete_IsSeenOverTheApiAndOverDns()
    {
        var zone = await NewZoneAsync();
        var name = "social." + zone;
        var reporter = new RecordingReporter();
        var serialBefore = await SerialAsync(zone);

        var first = DnsResources.RecordSet(zone, name, "A", 300, "192.0.2.10");
        await records.CreateAsync(DnsResources.Request(first, reporter), Token);

        Assert.Equal(["192.0.2.10"], await LoopbackDns.DataAsync(server.DnsPort, name, RecordType.A));
        var read = await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, first), Token);
        Assert.NotNull(read);
        Assert.Equal(first, read.Inputs);
        Assert.True(await SerialAsync(zone) > serialBefore, "a change through the API bumps the zone's serial");

        var second = DnsResources.RecordSet(zone, name, "A", 120, "192.0.2.11", "192.0.2.12");
        await records.UpdateAsync(DnsResources.Request(second, reporter), Token);

        Assert.Equal(
            ["192.0.2.11", "192.0.2.12"], await LoopbackDns.DataAsync(server.DnsPort, name, RecordType.A));
        var answer = await LoopbackDns.QueryAsync(server.DnsPort, name, RecordType.A);
        Assert.All(answer.AnswerRecords, r => Assert.Equal(120, r.TimeToLive));

        await records.DeleteAsync(DnsResources.Record(DnsRecordKind.Kind, second), reporter, Token);

        var gone = await LoopbackDns.QueryAsync(server.DnsPort, name, RecordType.A);
        Assert.Equal(ReturnCode.NxDomain, gone.ReturnCode);
        Assert.Null(await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, second), Token));
    }

    [Fact]
    public async Task RecordSet_NamesWithoutTrailingDots_AreMadeCanonical()
    {
        var zone = await NewZoneAsync();
        var bare = zone.TrimEnd('.');
        var inputs = DnsResources.RecordSet(bare, "www." + bare, "CNAME", 300, "social." + bare);

        await records.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token);

        Assert.Equal(
            ["social." + zone], await LoopbackDns.DataAsync(server.DnsPort, "www." + zone, RecordType.CName));
        var read = await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, inputs), Token);
        Assert.NotNull(read);
        Assert.Equal(inputs, read.Inputs);
    }

    [Fact]
    public async Task RecordSet_RefusedByPowerDns_SaysWhyInPowerDnsWords()
    {
        var zone = await NewZoneAsync();
        var inputs = DnsResources.RecordSet(zone, "bad." + zone, "A", 300, "not-an-address");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => records.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token));

        Assert.Contains($"PowerDNS refused to change REPLACE bad.{zone} A", error.Message, StringComparison.Ordinal);
        Assert.Contains("(422)", error.Message, StringComparison.Ordinal);
        Assert.Contains("not-an-address", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("{", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task RecordSet_InAZoneThatDoesNotExist_FailsNamingTheZone()
    {
        var zone = DnsResources.UniqueZone("fedi.test");
        var inputs = DnsResources.RecordSet(zone, "www." + zone, "A", 300, "192.0.2.1");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => records.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token));

        Assert.Contains($"Zone {zone}. does not exist on PowerDNS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WithAWrongApiKey_SaysTheKeyIsWrongAndWhereItComesFrom()
    {
        var wrong = new Secret("wrong-key-" + Guid.NewGuid().ToString("N"));
        var provider = server.Providers(server.Options(apiKey: wrong)).Single(p => p.Kind == DnsZoneKind.Kind);

        var error = await Assert.ThrowsAsync<ProviderException>(() => provider.CreateAsync(
            DnsResources.Request(DnsResources.Zone(DnsResources.UniqueZone("fedi.test")), new RecordingReporter()),
            Token));

        Assert.Contains("refused the API key (401", error.Message, StringComparison.Ordinal);
        Assert.Contains("apiKeyFile", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.Reveal(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.ApiKey.Reveal(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WithAWrongServerId_SaysSo()
    {
        var provider = server.Providers(server.Options(serverId: "nosuchserver"))
            .Single(p => p.Kind == DnsZoneKind.Kind);
        var record = DnsResources.Record(DnsZoneKind.Kind, DnsResources.Zone(DnsResources.UniqueZone("fedi.test")));

        var error = await Assert.ThrowsAsync<ProviderException>(() => provider.ReadAsync(record, Token));

        Assert.Contains("no server 'nosuchserver'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_OfWhatIsAlreadyGone_Succeeds()
    {
        var reporter = new RecordingReporter();
        var zone = DnsResources.UniqueZone("fedi.test");
        var missingZone = DnsResources.Record(DnsZoneKind.Kind, DnsResources.Zone(zone));
        var recordInMissingZone = DnsResources.Record(
            DnsRecordKind.Kind, DnsResources.RecordSet(zone, "www." + zone, "A", 300, "192.0.2.1"));
        var existing = await NewZoneAsync();
        var missingRecord = DnsResources.Record(
            DnsRecordKind.Kind, DnsResources.RecordSet(existing, "gone." + existing, "A", 300, "192.0.2.1"));

        await zones.DeleteAsync(missingZone, reporter, Token);
        await records.DeleteAsync(recordInMissingZone, reporter, Token);
        await records.DeleteAsync(missingRecord, reporter, Token);

        Assert.Equal(3, reporter.Lines.Count(l => l.Contains("already gone", StringComparison.Ordinal)));
        Assert.Null(await zones.ReadAsync(missingZone, Token));
        Assert.Null(await records.ReadAsync(missingRecord, Token));
    }

    [Fact]
    public async Task DeleteZone_RemovesItFromTheServer()
    {
        var zone = await NewZoneAsync();
        var record = DnsResources.Record(DnsZoneKind.Kind, DnsResources.Zone(zone));

        await zones.DeleteAsync(record, new RecordingReporter(), Token);

        Assert.Null(await zones.ReadAsync(record, Token));
        var soa = await LoopbackDns.QueryAsync(server.DnsPort, zone, RecordType.Soa);
        Assert.NotEqual(ReturnCode.NoError, soa.ReturnCode);
    }

    [Fact]
    public async Task Read_AfterAChangeMadeOutsideFediversity_ShowsTheDrift()
    {
        var zone = await NewZoneAsync();
        var name = "drift." + zone;
        var inputs = DnsResources.RecordSet(zone, name, "A", 300, "192.0.2.20");
        await records.CreateAsync(DnsResources.Request(inputs, new RecordingReporter()), Token);

        using var _ = await ApiAsync(HttpMethod.Patch, zone, new
        {
            rrsets = new[]
            {
                new
                {
                    name, type = "A", ttl = 60, changetype = "REPLACE",
                    records = new[] { new { content = "198.51.100.7", disabled = false } },
                },
            },
        });
        var read = await records.ReadAsync(DnsResources.Record(DnsRecordKind.Kind, inputs), Token);

        Assert.NotNull(read);
        Assert.Equal(ResourceValue.Of(60), read.Inputs[DnsRecordKind.Ttl]);
        Assert.Equal(["198.51.100.7"], DnsResources.Texts(read, DnsRecordKind.Records));
    }

    [Fact]
    public async Task UpdateZone_WithOtherNameservers_ReplacesTheApexNsRecords()
    {
        var zone = await NewZoneAsync();
        var changed = DnsResources.Zone(zone, "ns3.fedi.test");

        await zones.UpdateAsync(DnsResources.Request(changed, new RecordingReporter()), Token);

        Assert.Equal(["ns3.fedi.test."], await LoopbackDns.DataAsync(server.DnsPort, zone, RecordType.Ns));
        var read = await zones.ReadAsync(DnsResources.Record(DnsZoneKind.Kind, DnsResources.Zone(zone)), Token);
        Assert.NotNull(read);
        Assert.Equal(["ns3.fedi.test."], DnsResources.Texts(read, DnsZoneKind.Nameservers));
    }

    private async Task<string> NewZoneAsync()
    {
        var zone = DnsResources.UniqueZone("fedi.test") + ".";
        await zones.CreateAsync(DnsResources.Request(DnsResources.Zone(zone), new RecordingReporter()), Token);
        return zone;
    }

    private async Task<long> SerialAsync(string zone)
    {
        using var json = await ApiAsync(HttpMethod.Get, zone);
        return json.RootElement.GetProperty("serial").GetInt64();
    }

    private async Task<JsonDocument> ApiAsync(HttpMethod method, string zone, object? body = null)
    {
        var url = new Uri(server.ApiUrl, $"api/v1/servers/localhost/zones/{zone}");
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-API-Key", server.ApiKey.Reveal());
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await server.Http.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"{method} {zone}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
    }
}
