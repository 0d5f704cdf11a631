using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Fediversity.Resources.Permits;

/// <summary>What every permit source checks and derives from a slot set's name.</summary>
public static class PermitSlots
{
    /// <summary>Refuses an empty name or fewer than one slot.</summary>
    public static void Check(string name, int slots)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
    }

    /// <summary>A stable 64-bit number for one slot of a set, the same in every process and on every machine.</summary>
    public static long Key(string name, int slot)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{slot}"));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    /// <summary>A file name for one slot of a set: readable, and distinct for distinct names.</summary>
    public static string FileName(string name, int slot)
    {
        var readable = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        if (readable.Length > 60)
        {
            readable = readable[..60];
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 6));
        return $"{readable}-{hash}.{slot}.lock";
    }
}
