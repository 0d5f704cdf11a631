namespace Fediversity.Configuration.Schema;

/// <summary>
/// The regular expressions the configuration documents' strings must match. They appear in the
/// published schemas as <c>pattern</c>, so editors check them as the operator types.
/// </summary>
public static class ConfigurationPatterns
{
    /// <summary>An operator's slug: a lowercase letter, then up to 31 lowercase letters, digits or dashes.</summary>
    public const string Slug = "^[a-z][a-z0-9-]{0,31}$";

    /// <summary>One DNS label, such as a subdomain: lowercase letters, digits and inner dashes.</summary>
    public const string DnsLabel = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";

    /// <summary>A lowercase DNS name of at least two labels, such as <c>acme.example</c>.</summary>
    public const string DomainName =
        "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$";

    /// <summary>Something that looks like an e-mail address: a local part, an at sign and a domain.</summary>
    public const string Email = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    /// <summary>An S3 bucket name: 3 to 63 lowercase letters, digits, dots and dashes.</summary>
    public const string BucketName = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

    /// <summary>A Proxmox API token id, <c>USER@REALM!TOKENID</c>.</summary>
    public const string ProxmoxTokenId = "^[^@!\\s]+@[^@!\\s]+![^@!\\s]+$";

    /// <summary>An SSH public host key line as in <c>known_hosts</c>, without the host names.</summary>
    public const string SshHostKey =
        "^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521) [A-Za-z0-9+/]+={0,2}$";

    /// <summary>A TSIG algorithm name, for example <c>hmac-sha256</c>.</summary>
    public const string TsigAlgorithm = "^hmac-(?:md5|sha1|sha224|sha256|sha384|sha512)$";

    private static readonly Dictionary<string, string> Explanations = new(StringComparer.Ordinal)
    {
        [Slug] = "1 to 32 lowercase letters, digits and dashes, starting with a letter, for example 'acme'",
        [DnsLabel] = "lowercase letters, digits and dashes, not starting or ending with a dash, "
            + "for example 'social'",
        [DomainName] = "a lowercase domain name of at least two parts, for example 'acme.example'",
        [Email] = "an e-mail address, for example 'admin@acme.example'",
        [BucketName] = "3 to 63 lowercase letters, digits, dots and dashes, for example 'acme-media'",
        [ProxmoxTokenId] = "a Proxmox token id of the form USER@REALM!TOKENID, for example 'fedi@pve!deploy'",
        [SshHostKey] = "an SSH host key such as 'ssh-ed25519 AAAAC3Nza...', as printed by ssh-keyscan "
            + "without the host name",
        [TsigAlgorithm] = "one of hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1, hmac-md5",
    };

    /// <summary>What a pattern asks for, in words; the pattern itself when it is not one of these.</summary>
    internal static string Explain(string pattern) =>
        Explanations.TryGetValue(pattern, out var words) ? words : $"text matching {pattern}";
}
