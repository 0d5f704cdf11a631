using Npgsql;

namespace Fediversity.Bench.Harness;

/// <summary>
/// The PostgreSQL server the benchmarks run on: the one named by <c>FEDI_BENCH_POSTGRES</c> (a superuser's
/// connection string), or else a private one that tests/setup/postgresql-cluster.sh starts on 127.0.0.1 in
/// a temporary folder, with PostgreSQL's own durability settings, on first use in this process. The
/// process that started it passes it on to its child processes through that variable and stops it at the
/// end (<see cref="StopIfStartedAsync"/>).
/// </summary>
public sealed class BenchPostgres
{
    public const string ServerVariable = "FEDI_BENCH_POSTGRES";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static BenchPostgres? shared;

    private BenchPostgres(string adminConnection, string? ownFolder)
    {
        AdminConnection = adminConnection;
        OwnFolder = ownFolder;
    }

    /// <summary>A superuser's connection to the server's maintenance database.</summary>
    public string AdminConnection { get; }

    /// <summary>The folder of the server this process started, or null when it was given.</summary>
    private string? OwnFolder { get; }

    /// <summary>The server, started on the first call.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed or did not start.</exception>
    public static async Task<BenchPostgres> GetAsync(CancellationToken cancellationToken)
    {
        await Starting.WaitAsync(cancellationToken);
        try
        {
            return shared ??= await StartAsync(cancellationToken);
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Stops the server if this process started one, and removes its folder.</summary>
    public static async Task StopIfStartedAsync()
    {
        if (shared?.OwnFolder is not { } folder)
        {
            return;
        }

        await PostgresCluster.StopAsync(folder, CancellationToken.None);
        Environment.SetEnvironmentVariable(ServerVariable, null);
        Directory.Delete(folder, recursive: true);
        shared = null;
    }

    /// <summary>
    /// The connection string of a database of that name, which need not exist yet: the state store makes a
    /// missing database when its user may.
    /// </summary>
    public string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnection) { Database = database }.ConnectionString;

    private static async Task<BenchPostgres> StartAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return new BenchPostgres(given, null);
        }

        var folder = Directory.CreateTempSubdirectory("fedi-bench-postgres-").FullName;
        string admin;
        try
        {
            admin = await PostgresCluster.StartAsync(folder, durable: true, maxPoolSize: 100, cancellationToken);
        }
        catch (Exception e) when (e is PostgresNotInstalledException or InvalidOperationException)
        {
            Directory.Delete(folder, recursive: true);
            throw new InvalidOperationException(
                $"{e.Message} Install the server with tests/setup/install-postgresql.sh, or set {ServerVariable} " +
                "to a superuser's connection string of a server of your own.", e);
        }

        Environment.SetEnvironmentVariable(ServerVariable, admin);
        return new BenchPostgres(admin, folder);
    }
}
