using System.Security.Cryptography;

namespace Fediversity.Providers.NixosSsh.Host;

/// <summary>
/// The transient systemd unit one switch runs in, and the files it leaves: its log and, once it ended, its
/// exit status. Keeping both in files (rather than in the unit, which <c>--collect</c> removes when it ends)
/// lets a later connection, or a later run, learn how it went.
/// </summary>
internal sealed record SwitchUnit(string Name)
{
    public const string Prefix = "fediversity-switch-";

    public const string Directory = "/var/lib/fediversity/switch";

    public static SwitchUnit New() => new(Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    public string Log => $"{Directory}/{Name}.log";

    public string Status => $"{Directory}/{Name}.status";
}
