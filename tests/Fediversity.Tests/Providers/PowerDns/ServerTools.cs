namespace Fediversity.Tests.Providers.PowerDns;

/// <summary>Finds the DNS server programs the tests run, or fails saying how to install them.</summary>
internal static class ServerTools
{
    public const string InstallScript = "tests/setup/install-dns-servers.sh";

    public static string Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/usr/bin", "/sbin"]);
        return folders.Select(f => Path.Combine(f, program)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"{program} is not installed. Run `bash {InstallScript}` (as root, or with sudo) to install " +
                "the DNS servers the DNS provider tests run.");
    }

    public static string FindFile(string what, params string[] candidates) =>
        candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"{what} was not found (looked in {string.Join(", ", candidates)}). Run `bash {InstallScript}` " +
                "(as root, or with sudo) to install the DNS servers the DNS provider tests run.");
}
