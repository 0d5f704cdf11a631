namespace Fediversity.Configurator;

/// <summary>Why a configuration cannot be deployed in an environment, with the field it concerns.</summary>
/// <param name="Path">The JSON path of the field, for example <c>$.applications.mastodon.size</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ConfiguratorProblem(string Path, string Message);
