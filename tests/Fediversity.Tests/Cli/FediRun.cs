namespace Fediversity.Tests.Cli;

/// <summary>How one run of <c>fedi</c> ended.</summary>
internal sealed record FediRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<System.Text.Json.JsonElement> JsonLines() => [.. Stdout
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.Clone())];

    public System.Text.Json.JsonElement Summary() =>
        JsonLines().Single(e => e.GetProperty("type").GetString() == "summary");

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
