using System.Security.Cryptography;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Ssh;

/// <summary>A machine's public host key as pinned when it was made, written as in <c>known_hosts</c>.</summary>
/// <param name="Type">The key type, for example <c>ssh-ed25519</c>.</param>
/// <param name="Blob">The key in SSH wire form, as the base64 part of the line decodes.</param>
internal sealed record PinnedHostKey(string Type, byte[] Blob)
{
    /// <summary>Reads <c>type base64</c>; a trailing comment is allowed and ignored.</summary>
    public static PinnedHostKey Parse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new ProviderException(
                $"the pinned host key '{line}' is not 'type base64'; pin the key as ssh-keyscan prints it");
        }

        try
        {
            return new PinnedHostKey(parts[0], Convert.FromBase64String(parts[1]));
        }
        catch (FormatException e)
        {
            throw new ProviderException($"the pinned host key of type {parts[0]} is not valid base64", e);
        }
    }

    /// <summary>The host key algorithms SSH.NET may negotiate for a key of this type.</summary>
    public IReadOnlySet<string> Algorithms => Type switch
    {
        "ssh-rsa" => new HashSet<string>(["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"], StringComparer.Ordinal),
        _ => new HashSet<string>([Type], StringComparer.Ordinal),
    };

    public bool Matches(byte[] presented) => CryptographicOperations.FixedTimeEquals(Blob, presented);

    /// <summary>The OpenSSH form of a key's fingerprint, <c>SHA256:...</c>.</summary>
    public static string Fingerprint(byte[] blob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    public bool Equals(PinnedHostKey? other) =>
        other is not null && Type == other.Type && Blob.AsSpan().SequenceEqual(other.Blob);

    public override int GetHashCode() => HashCode.Combine(Type, Blob.Length);
}
