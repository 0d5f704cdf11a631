using System.ComponentModel;

namespace Fediversity.Configuration.Operator;

/// <summary>A bucket Fediversity creates, with its own key, and removes when asked to.</summary>
[Description("A bucket Fediversity creates for the application, with its own access key.")]
public sealed record ManagedMedia : MediaStorage;
