using System.Security.Cryptography;
using System.Text;

namespace Fediversity.Sandbox.Services;

/// <summary>
/// The stand-in for the NixOS machines themselves: each machine is a folder named after its host that
/// receives its <c>configuration.nix</c> and secret files (with their mode), records each switch, and
/// keeps the application's accounts so that sign-in with the handed-over credentials can be checked.
/// </summary>
public sealed class SandboxMachines(string root, SandboxLatency latency, TimeProvider time)
{
    /// <summary>
    /// PBKDF2 rounds for a new account's hash. The hash lets a test sign in with the handed-over password; it
    /// guards nothing, because the same password sits beside it in the state folder, encrypted with a key
    /// that is in that folder too. So it is cheap: at 100,000 rounds each account cost tens of milliseconds
    /// of processor time, more than the rest of a zero-latency apply.
    /// </summary>
    private const int HashIterations = 1_000;

    public string Root { get; } = Directory.CreateDirectory(Path.Combine(root, "machines")).FullName;

    public string FolderOf(string hostName) => Path.Combine(Root, RequireName(hostName));

    public string ConfigurationPath(string hostName) => Path.Combine(FolderOf(hostName), "etc", "nixos", "configuration.nix");

    /// <summary>Writes the configuration and secret files, then switches to them.</summary>
    public async Task DeployAsync(
        string hostName,
        string configuration,
        IReadOnlyDictionary<string, (string Content, UnixFileMode Mode)> secretFiles,
        CancellationToken cancellationToken)
    {
        var folder = FolderOf(hostName);
        foreach (var (path, (content, mode)) in secretFiles)
        {
            WriteFile(PathOnMachine(folder, path), content, mode);
        }

        WriteFile(ConfigurationPath(hostName), configuration, UnixFileMode.UserRead | UnixFileMode.UserWrite |
            UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await Task.Delay(latency.Switch, time, cancellationToken);
        File.AppendAllText(Path.Combine(folder, "switches.log"),
            $"{time.GetUtcNow():O} switched to {Hash(configuration)}\n");
    }

    /// <summary>Removes the configuration and secret files from a machine; false when there was none.</summary>
    public bool Remove(string hostName, IEnumerable<string> secretPaths)
    {
        var folder = FolderOf(hostName);
        var configuration = ConfigurationPath(hostName);
        var existed = File.Exists(configuration);
        File.Delete(configuration);
        foreach (var path in secretPaths)
        {
            File.Delete(PathOnMachine(folder, path));
        }

        return existed;
    }

    public int SwitchCount(string hostName)
    {
        var log = Path.Combine(FolderOf(hostName), "switches.log");
        return File.Exists(log) ? File.ReadAllLines(log).Length : 0;
    }

    public string? ReadConfiguration(string hostName) =>
        File.Exists(ConfigurationPath(hostName)) ? File.ReadAllText(ConfigurationPath(hostName)) : null;

    /// <summary>Makes the account unless one of that name exists; the existing one is never changed.</summary>
    public bool EnsureAccount(string hostName, string application, string username, string email, string password)
    {
        var accounts = Accounts(hostName, application);
        if (accounts.Read(username) is not null)
        {
            return false;
        }

        var salt = RandomNumberGenerator.GetBytes(16);
        accounts.Write(username, new SandboxAccount(
            username, email, Convert.ToBase64String(salt),
            Convert.ToBase64String(HashPassword(password, salt, HashIterations)), Owner: true, HashIterations));
        return true;
    }

    public SandboxAccount? GetAccount(string hostName, string application, string username) =>
        Directory.Exists(FolderOf(hostName)) ? Accounts(hostName, application).Read(username) : null;

    public bool DeleteAccount(string hostName, string application, string username) =>
        Directory.Exists(FolderOf(hostName)) && Accounts(hostName, application).Delete(username);

    /// <summary>Signs in as the application would: true when the password matches the stored hash.</summary>
    public bool SignIn(string hostName, string application, string username, string password) =>
        GetAccount(hostName, application, username) is { } account &&
        CryptographicOperations.FixedTimeEquals(
            HashPassword(password, Convert.FromBase64String(account.Salt), account.HashIterations),
            Convert.FromBase64String(account.PasswordHash));

    private RecordFolder<SandboxAccount> Accounts(string hostName, string application) =>
        new(Path.Combine(FolderOf(hostName), "var", "lib", RequireName(application), "accounts"));

    private static byte[] HashPassword(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string PathOnMachine(string folder, string absolutePath)
    {
        if (!absolutePath.StartsWith('/') || absolutePath.Contains("..", StringComparison.Ordinal))
        {
            throw new SandboxException($"'{absolutePath}' is not an absolute path on the machine");
        }

        return Path.Combine(folder, absolutePath.TrimStart('/'));
    }

    private static void WriteFile(string path, string content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string RequireName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name != "." && name != ".."
            ? name
            : throw new SandboxException($"'{name}' is not a valid host or application name");
}
