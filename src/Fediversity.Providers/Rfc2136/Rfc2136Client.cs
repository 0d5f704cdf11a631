using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;
using Fediversity.Resources.Providers;
using Microsoft.Extensions.Logging;

namespace Fediversity.Providers.Rfc2136;

/// <summary>
/// Sends queries and dynamic updates to one DNS server, every message signed with the TSIG key, and
/// turns the server's refusals into messages an operator can act on. The secret is never in one.
/// </summary>
internal sealed class Rfc2136Client(Rfc2136Options options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan Fudge = TimeSpan.FromMinutes(5);

    private IPAddress[]? addresses;

    private string Where => $"{options.Server}:{options.Port}";

    /// <summary>Asks the server itself (never a resolver) for the records of a name and type.</summary>
    public async Task<DnsMessage> QueryAsync(string name, RecordType type, CancellationToken cancellationToken)
    {
        var query = new DnsMessage { IsRecursionDesired = false, IsQuery = true };
        query.Questions.Add(new DnsQuestion(DomainName.Parse(name), type, RecordClass.INet));
        Sign(query);

        using var client = await ClientAsync(cancellationToken);
        var answer = await client.SendMessageAsync(query, cancellationToken);
        Rfc2136Log.Queried(logger, name, type, options.Server, options.Port, answer?.ReturnCode);
        if (answer is null)
        {
            throw NoAnswer($"look up {name} {type}");
        }

        ThrowIfSignatureRefused(answer, $"look up {name} {type}");
        return answer;
    }

    /// <summary>Sends one update of the zone; its changes are carried out together or not at all.</summary>
    public async Task UpdateAsync(
        string zone, IReadOnlyList<UpdateBase> updates, string action, CancellationToken cancellationToken)
    {
        var update = new DnsUpdateMessage { ZoneName = DomainName.Parse(zone) };
        update.Updates.AddRange(updates);
        Sign(update);

        using var client = await ClientAsync(cancellationToken);
        var answer = await client.SendUpdateAsync(update, cancellationToken);
        Rfc2136Log.Updated(logger, zone, options.Server, options.Port, answer?.ReturnCode);
        if (answer is null)
        {
            throw NoAnswer(action);
        }

        ThrowIfSignatureRefused(answer, action);
        switch (answer.ReturnCode)
        {
            case ReturnCode.NoError:
                return;
            case ReturnCode.Refused:
                throw new ProviderException(
                    $"The DNS server at {Where} refused to {action}: zone {zone} does not take updates " +
                    $"signed with key '{options.TsigKeyName}' (see its allow-update or update-policy), " +
                    "or the server does not serve the zone.");
            case ReturnCode.NotAuthoritive:
                throw new ProviderException(
                    $"The DNS server at {Where} is not authoritative for zone {zone}, so it cannot {action}; " +
                    "check the server address and the zone.");
            case ReturnCode.NotZone:
                throw new ProviderException(
                    $"The DNS server at {Where} refused to {action}: the name is not inside zone {zone}.");
            default:
                throw new ProviderException(
                    $"The DNS server at {Where} refused to {action}: {answer.ReturnCode}.")
                {
                    IsTransient = answer.ReturnCode == ReturnCode.ServerFailure,
                };
        }
    }

    private void Sign(DnsMessageBase message)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(options.TsigSecret.Reveal());
        }
        catch (FormatException)
        {
            throw new ProviderException(
                $"The TSIG secret of key '{options.TsigKeyName}' is not base64; the file named by " +
                "'tsigSecretFile' must hold the secret exactly as the server's key statement has it.");
        }

        message.TransactionID = (ushort)RandomNumberGenerator.GetInt32(1, ushort.MaxValue);
        message.TSigOptions = new TSigRecord(
            DomainName.Parse(options.TsigKeyName), Algorithm(options.TsigAlgorithm),
            time.GetUtcNow().UtcDateTime, Fudge, message.TransactionID, ReturnCode.NoError, null, key);
    }

    private void ThrowIfSignatureRefused(DnsMessageBase answer, string action)
    {
        var tsigError = answer.TSigOptions?.Error ?? ReturnCode.NoError;
        var refused = tsigError is ReturnCode.BadSig or ReturnCode.BadKey or ReturnCode.BadTime
            or ReturnCode.BadAlg or ReturnCode.BadTrunc
            || (answer.ReturnCode == ReturnCode.NotAuthoritive && answer.TSigOptions is not null
                && answer.TSigOptions.Mac is not { Length: > 0 });
        if (!refused)
        {
            return;
        }

        var why = tsigError switch
        {
            ReturnCode.BadKey => "it does not know the key's name, or knows it with another algorithm",
            ReturnCode.BadTime => "the clocks of this machine and the server differ by more than 5 minutes",
            _ => "the signature does not match: the secret differs from the server's",
        };
        throw new ProviderException(
            $"The DNS server at {Where} refused the TSIG signature when asked to {action} ({tsigError}): " +
            $"{why}. Check the key name '{options.TsigKeyName}', the algorithm '{options.TsigAlgorithm}' and " +
            "the secret in the file named by 'tsigSecretFile' against the server's key statement.");
    }

    private ProviderException NoAnswer(string action) => new(
        $"The DNS server at {Where} did not answer within {options.Timeout.TotalSeconds:0.#} s when asked to " +
        $"{action}; is it running and listening there? (An answer whose signature did not check out " +
        "is dropped too: then the TSIG key is wrong.)")
    {
        IsTransient = true,
    };

    private async Task<DnsClient> ClientAsync(CancellationToken cancellationToken)
    {
        addresses ??= IPAddress.TryParse(options.Server, out var ip)
            ? [ip]
            : await ResolveAsync(cancellationToken);

        return new DnsClient(
            addresses,
            [new UdpClientTransport(options.Port), new TcpClientTransport(options.Port)],
            disposeTransport: true,
            queryTimeout: (int)options.Timeout.TotalMilliseconds);
    }

    private async Task<IPAddress[]> ResolveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(options.Server, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new ProviderException(
                $"The DNS server's name {options.Server} does not resolve: {e.Message}", e) { IsTransient = true };
        }
    }

    private static TSigAlgorithm Algorithm(string name) => name.Trim().ToLowerInvariant() switch
    {
        "hmac-md5" or "hmac-md5.sig-alg.reg.int" => TSigAlgorithm.Md5,
        "hmac-sha1" => TSigAlgorithm.Sha1,
        "hmac-sha224" => TSigAlgorithm.Sha224,
        "hmac-sha256" => TSigAlgorithm.Sha256,
        "hmac-sha384" => TSigAlgorithm.Sha384,
        "hmac-sha512" => TSigAlgorithm.Sha512,
        _ => throw new ProviderException(
            $"The TSIG algorithm '{name}' is not known; use hmac-sha256 (or hmac-sha512, hmac-sha1, hmac-md5)."),
    };
}
