using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Fediversity.Bench.Harness;
using Fediversity.Providers.Local;
using Fediversity.Resources;

namespace Fediversity.Tests.Providers.NixosSsh;

/// <summary>
/// A stand-in NixOS machine: a real sshd in a network namespace made for it, reached over a veth pair with a
/// /30 of its own, whose /etc and /var/lib are private overlays and whose PATH starts with the stand-ins of
/// tests/hosts/nixos. Everything it made is removed on dispose: its processes, its namespace, its folder.
/// </summary>
internal sealed class TestMachine : IAsyncDisposable
{
    private const string Setup = "tests/setup/install-ssh-hosts.sh";
    private static readonly Lock SubnetLock = new();
    private static readonly HashSet<string> SubnetsInUse = [];

    private readonly Process sshd;
    private readonly StringBuilder sshdLog;
    private readonly string subnet;

    private TestMachine(
        string name, string folder, string netns, string veth, string subnet, string address, string hostKey,
        int port, Secret deployKey, string deployPublicKey, Process sshd, StringBuilder sshdLog)
    {
        Port = port;
        DeployPublicKey = deployPublicKey;
        Name = name;
        Folder = folder;
        Netns = netns;
        Veth = veth;
        this.subnet = subnet;
        Address = address;
        HostKey = hostKey;
        DeployKey = deployKey;
        this.sshd = sshd;
        this.sshdLog = sshdLog;
    }

    public string Name { get; }

    public string Folder { get; }

    public string Netns { get; }

    public string Veth { get; }

    /// <summary>The machine's address, inside its namespace.</summary>
    public string Address { get; }

    /// <summary>The port its sshd listens on.</summary>
    public int Port { get; }

    /// <summary>Its host key as pinned: <c>ssh-ed25519 BASE64</c>.</summary>
    public string HostKey { get; }

    /// <summary>The key its root account lets in until a switch says otherwise, PEM.</summary>
    public Secret DeployKey { get; }

    /// <summary>That key's public half, as in authorized_keys.</summary>
    public string DeployPublicKey { get; }

    public string Records => Path.Combine(Folder, "records");

    /// <summary>Starts a machine; <paramref name="users"/> already exist on it, as after an earlier switch.</summary>
    public static Task<TestMachine> StartAsync(string name, params string[] users) =>
        StartWithKeyAsync(name, null, 22, users);

    /// <summary>
    /// Starts a machine installed with <paramref name="installedKey"/> (a PEM private key) as the one key root
    /// signs in with, as a hosting provider installs a machine before handing it to Fediversity, with its sshd
    /// on <paramref name="port"/>.
    /// </summary>
    public static async Task<TestMachine> StartWithKeyAsync(
        string name, string? installedKey, int port, params string[] users)
    {
        RequireTools();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var folder = Path.Combine(Path.GetTempPath(), $"fedi-ssh-{id}");
        var netns = $"fedi-test-{id}";
        var veth = $"fth{id}";
        var (subnet, outside, inside) = ClaimSubnet();
        var started = false;

        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "state"));
            CopyFolder(Path.Combine(Repository.Root, "tests", "hosts", "nixos"), Path.Combine(folder, "hosts"));
            await File.WriteAllLinesAsync(Path.Combine(folder, "state", "users"), users);

            var hostKeyFile = Path.Combine(folder, "ssh_host_ed25519_key");
            Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", name, "-f", hostKeyFile);
            var hostKey = string.Join(' ', (await File.ReadAllTextAsync(hostKeyFile + ".pub")).Split(' ')[..2]);

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            if (installedKey is not null)
            {
                key.ImportFromPem(installedKey);
            }

            var publicKey = SshKeyProvider.PublicKeyLine(key, "fediversity-deploy");
            await File.WriteAllTextAsync(Path.Combine(folder, "authorized_keys"), publicKey + "\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "sshd_config"), SshdConfig(folder, inside, port));

            Run("ip", "netns", "add", netns);
            started = true;
            Run("ip", "link", "add", veth, "type", "veth", "peer", "name", $"ftn{id}");
            Run("ip", "link", "set", $"ftn{id}", "netns", netns);
            Run("ip", "addr", "add", $"{outside}/30", "dev", veth);
            Run("ip", "link", "set", veth, "up");
            Run("ip", "netns", "exec", netns, "ip", "addr", "add", $"{inside}/30", "dev", $"ftn{id}");
            Run("ip", "netns", "exec", netns, "ip", "link", "set", $"ftn{id}", "up");
            Run("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up");

            var log = new StringBuilder();
            var sshd = StartSshd(netns, folder, log);
            var machine = new TestMachine(name, folder, netns, veth, subnet, inside, hostKey, port,
                new Secret(key.ExportECPrivateKeyPem()), publicKey, sshd, log);
            await machine.WaitUntilListeningAsync();
            return machine;
        }
        catch
        {
            if (started)
            {
                TearDown(netns, veth);
            }

            Release(subnet);
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>Cuts every SSH connection to the machine, as a network failure would, by killing their sshd.</summary>
    public int KillSessions()
    {
        var children = Run("pgrep", "-P", sshd.Id.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var child in children)
        {
            Run("kill", "-KILL", child.Trim());
        }

        return children.Length;
    }

    /// <summary>A path as the machine sees it.</summary>
    public string OnMachine(string path) => $"/proc/{sshd.Id}/root{path}";

    public bool Exists(string path) => File.Exists(OnMachine(path));

    public string Read(string path) => File.ReadAllText(OnMachine(path));

    /// <summary>A file's owner and group as the machine names them, and its mode: <c>root:root 644</c>.</summary>
    public string OwnerAndMode(string path)
    {
        var ids = Run("stat", "-c", "%u %g %a", OnMachine(path)).Trim().Split(' ');
        return $"{NameOf("passwd", ids[0])}:{NameOf("group", ids[1])} {ids[2]}";
    }

    public string[] Commands() => ReadLines("commands.log");

    /// <summary>The command lines the machine's shell was given, each whole.</summary>
    public string[] Sessions() => File.Exists(Path.Combine(Records, "sessions.log"))
        ? File.ReadAllText(Path.Combine(Records, "sessions.log")).Split("\n\0", StringSplitOptions.RemoveEmptyEntries)
        : [];

    public string[] ReadLines(string record) => File.Exists(Path.Combine(Records, record))
        ? File.ReadAllLines(Path.Combine(Records, record))
        : [];

    public string ReadRecord(string record) => File.ReadAllText(Path.Combine(Records, record));

    public void SetState(string name, string content) =>
        File.WriteAllText(Path.Combine(Folder, "state", name), content);

    public async ValueTask DisposeAsync()
    {
        TearDown(Netns, Veth);
        if (!sshd.HasExited)
        {
            sshd.Kill(entireProcessTree: true);
        }

        await sshd.WaitForExitAsync();
        sshd.Dispose();
        Release(subnet);
        TryDelete(Folder);
    }

    public override string ToString() => $"{Name} at {Address}; sshd said: {sshdLog}";

    private string NameOf(string database, string id) =>
        File.ReadLines(OnMachine($"/etc/{database}"))
            .Select(line => line.Split(':'))
            .FirstOrDefault(fields => fields.Length > 2 && fields[2] == id)?[0] ?? id;

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (sshd.HasExited)
            {
                throw new InvalidOperationException($"sshd of {Name} stopped: {sshdLog}");
            }

            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(Address, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static Process StartSshd(string netns, string folder, StringBuilder log)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["netns", "exec", netns, "unshare", "--mount", "--propagation", "private",
            "bash", Path.Combine(folder, "hosts", "start-machine.sh"), folder])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static string SshdConfig(string folder, string address, int port) => $"""
        ListenAddress {address}:{port}
        HostKey {folder}/ssh_host_ed25519_key
        PidFile none
        AuthorizedKeysFile /etc/ssh/authorized_keys.d/%u
        PermitRootLogin prohibit-password
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        StrictModes no
        PrintMotd no
        LogLevel VERBOSE
        """ + "\n";

    private static void RequireTools()
    {
        string[] needed = ["/usr/sbin/sshd", "/usr/bin/ssh-keygen"];
        var missing = needed.Where(p => !File.Exists(p)).ToList();
        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip"))
        {
            missing.Add("ip");
        }

        if (missing.Count > 0)
        {
            Assert.Fail($"The SSH host tests need {string.Join(", ", missing)}; run 'bash {Setup}' (as root).");
        }

        if (Environment.UserName != "root")
        {
            Assert.Fail($"The SSH host tests make network namespaces and need root; run them as root ({Setup}).");
        }
    }

    private static (string Subnet, string Outside, string Inside) ClaimSubnet()
    {
        var used = Run("ip", "-o", "-4", "addr", "show");
        lock (SubnetLock)
        {
            while (true)
            {
                var third = RandomNumberGenerator.GetInt32(1, 255);
                var fourth = RandomNumberGenerator.GetInt32(0, 64) * 4;
                var subnet = $"10.200.{third}.{fourth}";
                var outside = $"10.200.{third}.{fourth + 1}";
                var inside = $"10.200.{third}.{fourth + 2}";
                if (!used.Contains($" {outside}/", StringComparison.Ordinal)
                    && !used.Contains($" {inside}/", StringComparison.Ordinal) && SubnetsInUse.Add(subnet))
                {
                    return (subnet, outside, inside);
                }
            }
        }
    }

    private static void Release(string subnet)
    {
        lock (SubnetLock)
        {
            SubnetsInUse.Remove(subnet);
        }
    }

    private static void TearDown(string netns, string veth)
    {
        // Every process in the namespace is this machine's: its sshd, its sessions, a detached switch.
        foreach (var pid in TryRun("ip", "netns", "pids", netns).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            TryRun("kill", "-KILL", pid.Trim());
        }

        TryRun("ip", "netns", "delete", netns);
        TryRun("ip", "link", "delete", veth);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string TryRun(string file, params string[] args)
    {
        try
        {
            return Run(file, args);
        }
        catch (InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 || (file == "pgrep" && process.ExitCode == 1)
            ? output.Result
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
    }
}
