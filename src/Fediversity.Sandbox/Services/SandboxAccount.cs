namespace Fediversity.Sandbox.Services;

/// <summary>
/// An application account on a stand-in machine; the password is kept only as a salted hash, made with
/// <c>HashIterations</c> PBKDF2 rounds (records written before the count was kept used 100,000).
/// </summary>
public sealed record SandboxAccount(
    string Username, string Email, string Salt, string PasswordHash, bool Owner, int HashIterations = 100_000);
