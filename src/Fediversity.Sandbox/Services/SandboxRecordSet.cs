namespace Fediversity.Sandbox.Services;

/// <summary>A stand-in DNS record set.</summary>
public sealed record SandboxRecordSet(string Name, string Type, int Ttl, IReadOnlyList<string> Records);
