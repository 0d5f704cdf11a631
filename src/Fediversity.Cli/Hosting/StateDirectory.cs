namespace Fediversity.Cli.Hosting;

/// <summary>Where <c>fedi</c> keeps its state when <c>--state</c> does not say.</summary>
public static class StateDirectory
{
    public static string Default =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.DoNotVerify), "fediversity");

    public static string Resolve(string? given) => Path.GetFullPath(string.IsNullOrWhiteSpace(given) ? Default : given);
}
