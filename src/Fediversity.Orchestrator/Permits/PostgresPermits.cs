using Fediversity.Resources.Permits;
using Npgsql;

namespace Fediversity.Orchestrator.Permits;

/// <summary>
/// Permits shared by every process using one PostgreSQL database: slot <c>i</c> of a set is a session-level
/// advisory lock on a key derived from the set's name and <c>i</c>. A permit keeps the connection that holds
/// its lock; PostgreSQL ends the session of a process that dies, and with it the lock. Waiters of this process
/// queue in memory first, so that only as many as there are slots ask the database.
/// </summary>
public sealed class PostgresPermits(string connectionString, TimeProvider? time = null) : IPermitSource
{
    private readonly ProcessPermits local = new();

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(string name, int slots, CancellationToken cancellationToken)
    {
        PermitSlots.Check(name, slots);
        var inProcess = await local.AcquireAsync(name, slots, cancellationToken);
        try
        {
            var backoff = new PermitBackoff(time ?? TimeProvider.System);
            var first = Random.Shared.Next(slots);
            while (true)
            {
                if (await TryAnySlotAsync(name, slots, first, cancellationToken) is { } held)
                {
                    return new Permit(held.Connection, held.Key, inProcess);
                }

                await backoff.WaitAsync(cancellationToken);
            }
        }
        catch
        {
            await inProcess.DisposeAsync();
            throw;
        }
    }

    private async Task<(NpgsqlConnection Connection, long Key)?> TryAnySlotAsync(
        string name, int slots, int first, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            for (var i = 0; i < slots; i++)
            {
                var key = PermitSlots.Key(name, (first + i) % slots);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection)
                {
                    Parameters = { new() { Value = key } },
                };
                if (await command.ExecuteScalarAsync(cancellationToken) is true)
                {
                    return (connection, key);
                }
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Permit(NpgsqlConnection connection, long key, IAsyncDisposable inProcess) : IAsyncDisposable
    {
        private int released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
            {
                return;
            }

            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection)
                {
                    Parameters = { new() { Value = key } },
                };
                await command.ExecuteScalarAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // A broken connection has ended its session, and the session's locks with it.
            }
            finally
            {
                await connection.DisposeAsync();
                await inProcess.DisposeAsync();
            }
        }
    }
}
