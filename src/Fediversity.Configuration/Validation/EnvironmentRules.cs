using Fediversity.Configuration.Environment;

namespace Fediversity.Configuration.Validation;

/// <summary>The checks on a hosting environment that its schema cannot express, or words better.</summary>
internal static class EnvironmentRules
{
    public static IEnumerable<ValidationProblem> Check(HostingEnvironment environment)
    {
        var folder = environment.BaseDirectory;
        return
        [
            .. Limits(environment.Limits),
            .. Tiers(environment.Tiers),
            .. MachineRules.Check(environment.Machines, folder),
            .. Storage(environment.Storage, folder),
            .. Dns(environment.Dns, folder),
            .. environment.Mail is { } mail ? Mail(mail, folder) : [],
        ];
    }

    /// <summary>A problem when <paramref name="value"/> is below <paramref name="least"/>.</summary>
    internal static IEnumerable<ValidationProblem> AtLeast(string path, int value, int least, string unit)
    {
        if (value < least)
        {
            yield return new(path, $"must be at least {least} {unit}, not {value}");
        }
    }

    /// <summary>A problem when <paramref name="port"/> is not a TCP or UDP port.</summary>
    internal static IEnumerable<ValidationProblem> Port(string path, int port)
    {
        if (port is < 1 or > 65535)
        {
            yield return new(path, $"{port} is not a port; use a number from 1 to 65535");
        }
    }

    /// <summary>A problem when <paramref name="address"/> is not a full http or https address.</summary>
    internal static IEnumerable<ValidationProblem> WebAddress(string path, Uri address, string example)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            yield return new(path, $"'{address.OriginalString}' is not a full address; write it with "
                + $"http:// or https://, for example {example}");
        }
    }

    /// <summary>A problem when the secret file at <paramref name="file"/> cannot be used.</summary>
    internal static IEnumerable<ValidationProblem> SecretFile(string path, string file, string folder, string holding)
    {
        if (SecretFiles.Explain(file, folder, holding) is { } problem)
        {
            yield return new(path, problem);
        }
    }

    private static IEnumerable<ValidationProblem> Limits(ResourceLimits limits) =>
    [
        .. AtLeast("$.limits.vms", limits.Vms, 1, "machine"),
        .. AtLeast("$.limits.vcpus", limits.Vcpus, 1, "core"),
        .. AtLeast("$.limits.memoryMiB", limits.MemoryMiB, 1, "MiB"),
        .. AtLeast("$.limits.diskGiB", limits.DiskGiB, 1, "GiB"),
    ];

    private static IEnumerable<ValidationProblem> Tiers(SizeTiers tiers) =>
    [
        .. Tier("$.tiers.small", tiers.Small),
        .. Tier("$.tiers.medium", tiers.Medium),
        .. Tier("$.tiers.large", tiers.Large),
    ];

    private static IEnumerable<ValidationProblem> Tier(string path, TierResources tier) =>
    [
        .. AtLeast($"{path}.cores", tier.Cores, 1, "core"),
        .. AtLeast($"{path}.memoryMiB", tier.MemoryMiB, 1, "MiB"),
        .. AtLeast($"{path}.diskGiB", tier.DiskGiB, 1, "GiB"),
    ];

    private static IEnumerable<ValidationProblem> Storage(ObjectStorage storage, string folder) => storage switch
    {
        SandboxStorage sandbox => AtLeast("$.storage.operationMs", sandbox.OperationMs, 0, "milliseconds"),
        GarageStorage garage =>
        [
            .. WebAddress("$.storage.adminEndpoint", garage.AdminEndpoint, "http://garage.internal:3903"),
            .. WebAddress("$.storage.s3Endpoint", garage.S3Endpoint, "https://s3.example.net"),
            .. SecretFile("$.storage.adminTokenFile", garage.AdminTokenFile, folder, "the Garage admin API token"),
        ],
        _ => [],
    };

    private static IEnumerable<ValidationProblem> Dns(DnsService dns, string folder)
    {
        IEnumerable<ValidationProblem> common =
        [
            .. AtLeast("$.dns.ttl", dns.Ttl, 1, "second"),
            .. dns.Zone is { } zone && DnsNames.ExplainDomain(zone) is { } problem
                ? [new ValidationProblem("$.dns.zone", problem)]
                : Array.Empty<ValidationProblem>(),
        ];

        IEnumerable<ValidationProblem> specific = dns switch
        {
            SandboxDns sandbox => AtLeast("$.dns.operationMs", sandbox.OperationMs, 0, "milliseconds"),
            PowerDnsService power =>
            [
                .. WebAddress("$.dns.url", power.Url, "http://ns1.internal:8081"),
                .. SecretFile("$.dns.apiKeyFile", power.ApiKeyFile, folder, "the PowerDNS API key"),
                .. power.Nameservers.SelectMany((name, i) => DnsNames.ExplainDomain(name) is { } problem
                    ? [new ValidationProblem(DocumentPath.Index("$.dns.nameservers", i), problem)]
                    : Array.Empty<ValidationProblem>()),
            ],
            Rfc2136Dns rfc2136 =>
            [
                .. Port("$.dns.port", rfc2136.Port),
                .. SecretFile("$.dns.tsigSecretFile", rfc2136.TsigSecretFile, folder, "the TSIG key's base64 secret"),
            ],
            _ => [],
        };

        return [.. common, .. specific];
    }

    private static IEnumerable<ValidationProblem> Mail(MailRelay mail, string folder)
    {
        IEnumerable<ValidationProblem> problems =
        [
            .. Port("$.mail.port", mail.Port),
            .. DnsNames.ExplainDomain(mail.FromDomain) is { } domain
                ? [new ValidationProblem("$.mail.fromDomain", domain)]
                : Array.Empty<ValidationProblem>(),
        ];

        if (mail.PasswordFile is { } passwordFile)
        {
            problems = [.. problems, .. SecretFile("$.mail.passwordFile", passwordFile, folder, "the relay password")];
        }
        else if (mail.Username is not null)
        {
            problems = [.. problems, new ValidationProblem("$.mail.passwordFile",
                "a user name is set but no password file; add 'passwordFile', or remove 'username' "
                + "if the relay takes mail without signing in")];
        }

        return problems;
    }
}
