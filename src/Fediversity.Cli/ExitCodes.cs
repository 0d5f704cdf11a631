namespace Fediversity.Cli;

/// <summary>What <c>fedi</c> exits with, for scripts.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An apply or destroy ran and a step failed; rerunning finishes what is left.</summary>
    public const int Failed = 1;

    /// <summary>A file, an option or a configuration is invalid; nothing was changed.</summary>
    public const int InvalidInput = 2;

    /// <summary>Another run holds the deployment; nothing was changed.</summary>
    public const int Locked = 3;
}
