using System.Buffers.Binary;
using System.Text;

namespace Fediversity.Configuration.Validation;

/// <summary>Checks SSH public host keys written as in <c>known_hosts</c>: the key type, then the base64 key.</summary>
internal static class SshHostKeys
{
    private static readonly string[] KeyTypes =
    [
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
    ];

    private static readonly string KnownTypes = string.Join(", ", KeyTypes);

    /// <summary>What is wrong with <paramref name="key"/>, or null when it is a well-formed host key.</summary>
    public static string? Explain(string key)
    {
        var parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && KeyTypes.Contains(parts[1]))
        {
            return $"starts with the host name '{parts[0]}'; write only the key type and the key: "
                + $"'{parts[1]} {Shorten(parts[2])}'";
        }

        if (parts.Length != 2)
        {
            return "must be the key type and the base64 key separated by one space, "
                + "for example 'ssh-ed25519 AAAAC3Nza...', as ssh-keyscan prints them after the host name";
        }

        if (!KeyTypes.Contains(parts[0]))
        {
            return $"'{parts[0]}' is not a host key type Fediversity knows; use one of {KnownTypes}";
        }

        return Blob(parts[1]) is not { } blob
            ? "the key after the type is not valid base64; copy it again from ssh-keyscan"
            : EmbeddedType(blob) == parts[0]
                ? null
                : $"the key is not a {parts[0]} key; check that the type and the key belong together";
    }

    private static byte[]? Blob(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>The key type the key itself names in its first, length-prefixed field.</summary>
    private static string? EmbeddedType(byte[] blob)
    {
        if (blob.Length < 4)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return length <= blob.Length - 4 ? Encoding.ASCII.GetString(blob, 4, (int)length) : null;
    }

    private static string Shorten(string text) => text.Length > 12 ? text[..12] + "..." : text;
}
