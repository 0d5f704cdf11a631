namespace Fediversity.Bench.Harness;

/// <summary>The PostgreSQL server programs (initdb, pg_ctl) are not on this machine.</summary>
public sealed class PostgresNotInstalledException : Exception
{
    public PostgresNotInstalledException()
    {
    }

    public PostgresNotInstalledException(string message)
        : base(message)
    {
    }

    public PostgresNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
