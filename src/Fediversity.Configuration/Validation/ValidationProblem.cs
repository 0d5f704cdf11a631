namespace Fediversity.Configuration.Validation;

/// <summary>One thing wrong with a configuration document.</summary>
/// <param name="Path">Where: a JSON path such as <c>$.applications.mastodon.admin.username</c>.</param>
/// <param name="Message">What is wrong and what to do about it. Never holds a secret value.</param>
public sealed record ValidationProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
