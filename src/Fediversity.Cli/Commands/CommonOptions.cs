using System.CommandLine;

namespace Fediversity.Cli.Commands;

/// <summary>The options several commands share.</summary>
internal static class CommonOptions
{
    public static StateOptions State() => new();

    public static Option<string> Environment() => new("--environment", "-e")
    {
        Description = "The hosting environment: 'sandbox' (built in) or the path of an environment file.",
        DefaultValueFactory = _ => "sandbox",
        HelpName = "ENV",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON object per line instead of text for people.",
    };

    public static Option<bool> Yes() => new("--yes", "-y")
    {
        Description = "Apply the plan without asking.",
    };

    public static Option<int> Parallelism() => new("--parallelism")
    {
        Description = "How many steps may run at once.",
        DefaultValueFactory = _ => 32,
    };
}
