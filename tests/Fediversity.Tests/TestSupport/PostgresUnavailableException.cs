namespace Fediversity.Tests.TestSupport;

/// <summary>PostgreSQL is not installed on this machine, so the tests cannot start a server.</summary>
internal sealed class PostgresUnavailableException(string message) : Exception(message);
