using System.Net.Sockets;
using System.Text;
using Fediversity.Resources;
using Fediversity.Resources.Providers;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Fediversity.Providers.NixosSsh.Ssh;

/// <summary>
/// A signed-in SSH connection to one machine that checks the pinned host key on every (re)connection and can
/// reconnect when the connection drops. Secrets given as <c>input</c> go to the command's standard input,
/// never onto its command line.
/// </summary>
internal sealed class SshConnection : IDisposable
{
    private readonly SshTarget target;
    private readonly NixosSshOptions options;
    private readonly TimeProvider time;
    private SshClient? client;
    private PrivateKeyFile? key;
    private PrivateKeyFile? bootstrapKey;

    private SshConnection(SshTarget target, NixosSshOptions options, TimeProvider time)
    {
        this.target = target;
        this.options = options;
        this.time = time;
    }

    /// <summary>Connects, retrying while the machine cannot be reached (it may still be booting).</summary>
    public static async Task<SshConnection> OpenAsync(
        SshTarget target, NixosSshOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = new SshConnection(target, options, time);
        try
        {
            await connection.ReconnectAsync(cancellationToken);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs one command once; a dropped connection becomes <see cref="ConnectionLostException"/>.</summary>
    public async Task<RemoteResult> RunAsync(
        string command,
        CancellationToken cancellationToken,
        string? input = null,
        TimeSpan? timeout = null)
    {
        var ssh = client is { IsConnected: true } c ? c : throw new ConnectionLostException(Lost(null));
        try
        {
            using var remote = ssh.CreateCommand(command);
            remote.CommandTimeout = timeout ?? options.CommandTimeout;
            var execution = remote.ExecuteAsync(cancellationToken);
            await using (var stdin = remote.CreateInputStream())
            {
                if (input is not null)
                {
                    await stdin.WriteAsync(Encoding.UTF8.GetBytes(input), cancellationToken);
                }
            }

            await execution;
            return new RemoteResult(remote.ExitStatus ?? -1, remote.Result, remote.Error);
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionLostException(Lost(e), e);
        }
    }

    /// <summary>
    /// Runs a command that is safe to run twice, reconnecting and running it again when the connection drops.
    /// </summary>
    public async Task<RemoteResult> RunAgainOnDropAsync(
        string command, IStepReporter reporter, CancellationToken cancellationToken, string? input = null)
    {
        var deadline = time.GetUtcNow() + options.ReconnectTimeout;
        while (true)
        {
            try
            {
                return await RunAsync(command, cancellationToken, input);
            }
            catch (ConnectionLostException) when (time.GetUtcNow() < deadline)
            {
                reporter.Report($"the connection to {target.HostName} dropped; reconnecting");
                await ReconnectAsync(cancellationToken, deadline);
            }
        }
    }

    /// <summary>Runs a command that must succeed; its failure becomes a message naming what failed.</summary>
    public async Task<RemoteResult> RunCheckedAsync(
        string command, string what, IStepReporter reporter, CancellationToken cancellationToken, string? input = null)
    {
        var result = await RunAgainOnDropAsync(command, reporter, cancellationToken, input);
        return result.Succeeded
            ? result
            : throw new ProviderException(
                $"{what} failed on {target.HostName} (exit status {result.ExitStatus}): {result.Tail()}");
    }

    /// <summary>Drops the current connection and opens a new one, retrying until the deadline.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken, DateTimeOffset? until = null)
    {
        var deadline = until ?? time.GetUtcNow() + options.ReconnectTimeout;
        var wait = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            Close();
            try
            {
                await ConnectOnceAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() >= deadline)
                {
                    throw new ProviderException(
                        $"cannot reach {target.HostName} at {target.Address}:{options.PortOf(target.Address)}: "
                        + $"{e.Message}; "
                        + "check that the machine runs and that SSH is open, then apply again", e)
                    { IsTransient = true };
                }

                await Task.Delay(wait, time, cancellationToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public void Dispose() => Close();

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        key = KeyFile(target.PrivateKey);
        bootstrapKey = options.BootstrapKey is { } bootstrap ? KeyFile(bootstrap) : null;
        IPrivateKeySource[] keys = bootstrapKey is null ? [key] : [key, bootstrapKey];
        var port = options.PortOf(target.Address);
        var info = new ConnectionInfo(target.Address, port, options.User,
            new PrivateKeyAuthenticationMethod(options.User, keys))
        {
            Timeout = options.ConnectTimeout,
        };
        foreach (var algorithm in info.HostKeyAlgorithms.Keys.ToList())
        {
            if (!target.HostKey.Algorithms.Contains(algorithm))
            {
                info.HostKeyAlgorithms.Remove(algorithm);
            }
        }

        byte[]? presented = null;
        client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(10) };
        client.HostKeyReceived += (_, e) =>
        {
            presented = e.HostKey;
            e.CanTrust = target.HostKey.Matches(e.HostKey);
        };

        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (SshAuthenticationException e)
        {
            throw new ProviderException(
                $"{target.HostName} at {target.Address}:{port} refused the deploy key for user '{options.User}'"
                + (bootstrapKey is null ? string.Empty : " and the environment's bootstrap key") + "; "
                + "check that the machine was made with this operator's deploy key, or, for a machine not yet "
                + "deployed to, that it lets the bootstrap key (machines.bootstrapKeyFile) in", e);
        }
        catch (SshConnectionException e) when (presented is not null && !target.HostKey.Matches(presented))
        {
            throw Mismatch(PinnedHostKey.Fingerprint(presented), e);
        }
        catch (SshConnectionException e) when (presented is null && IsKeyTypeRefusal(e))
        {
            throw Mismatch($"no {target.HostKey.Type} key", e);
        }
    }

    /// <summary>Throws when <paramref name="pem"/> is not a private key SSH can sign in with.</summary>
    public static void CheckPrivateKey(Secret pem, string parameter)
    {
        try
        {
            KeyFile(pem).Dispose();
        }
        catch (Exception e) when (e is SshException or ArgumentException or FormatException or NotSupportedException)
        {
            // The key's own text never goes into the message.
            throw new ArgumentException(
                "it is not a private SSH key without a passphrase, in OpenSSH or PEM form", parameter, e);
        }
    }

    private static PrivateKeyFile KeyFile(Secret pem)
    {
        var text = pem.Reveal();
        return new PrivateKeyFile(new MemoryStream(Encoding.UTF8.GetBytes(text.EndsWith('\n') ? text : text + "\n")));
    }

    private HostKeyMismatchException Mismatch(string presented, Exception inner) => new(
        $"{target.HostName} at {target.Address} presents a host key ({presented}) that differs from the one "
        + $"pinned for it ({PinnedHostKey.Fingerprint(target.HostKey.Blob)}); nothing was sent to it. "
        + "If the machine was rebuilt on purpose, pin its new key (a pre-deployed machine's is its hostKey in "
        + "the environment file; a machine Fediversity made is replaced by a new apply); otherwise find out who "
        + "answers at that address.", inner);

    private static bool IsKeyTypeRefusal(SshConnectionException e) =>
        e.Message.Contains("host key", StringComparison.OrdinalIgnoreCase);

    private static bool IsConnectionFailure(Exception e) => e is SshConnectionException or SocketException
        or SshOperationTimeoutException or ObjectDisposedException or IOException or ProxyException
        || (e is InvalidOperationException && e.Message.Contains("connect", StringComparison.OrdinalIgnoreCase))
        || (e is SshException && e is not SshAuthenticationException && e.InnerException is SocketException);

    private string Lost(Exception? e) =>
        $"the connection to {target.HostName} at {target.Address} was lost"
        + (e is null ? string.Empty : $": {e.Message}");

    private void Close()
    {
        if (client is not null)
        {
            try
            {
                client.Dispose();
            }
            catch (Exception)
            {
                // A connection that is already broken may fail to close; it is being dropped anyway.
            }
        }

        key?.Dispose();
        bootstrapKey?.Dispose();
        client = null;
        key = null;
        bootstrapKey = null;
    }
}
