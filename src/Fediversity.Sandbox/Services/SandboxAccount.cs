namespace Fediversity.Sandbox.Services;

/// <summary>An application account on a stand-in machine; the password is kept only as a salted hash.</summary>
public sealed record SandboxAccount(string Username, string Email, string Salt, string PasswordHash, bool Owner);
