namespace Fediversity.Sandbox.Services;

/// <summary>A stand-in DNS zone.</summary>
public sealed record SandboxZone(string Name, IReadOnlyList<string> Nameservers);
