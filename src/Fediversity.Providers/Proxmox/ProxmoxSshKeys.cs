namespace Fediversity.Providers.Proxmox;

/// <summary>
/// The <c>sshkeys</c> parameter. Proxmox types it <c>urlencoded</c>: the keys, one a line, must be
/// percent-encoded by the caller (a space as <c>%20</c>, never <c>+</c>) before the form body encodes
/// them once more. Sent raw, a key whose comment holds <c>:</c> or <c>+</c> is refused or mangled.
/// </summary>
internal static class ProxmoxSshKeys
{
    public static string Encode(IEnumerable<string> keys) =>
        Uri.EscapeDataString(string.Join("\n", keys.Select(k => k.Trim()).Where(k => k.Length > 0)));

    public static IReadOnlyList<string> Decode(string? value) => value is null
        ? []
        : [.. Uri.UnescapeDataString(value)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
