using System.Security.Cryptography;
using System.Text;

namespace Fediversity.Resources;

/// <summary>
/// A password, key or token. It prints as <c>(sensitive)</c> everywhere: <see cref="ToString"/>,
/// string interpolation and JSON serialization all refuse to show the value. Only
/// <see cref="Reveal"/> gives it out, so every place that needs the clear value says so in code.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    public const string Mask = "(sensitive)";

    private readonly string value;

    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        this.value = value;
    }

    /// <summary>The clear value, for the one place that must hand it to a provider or to its owner.</summary>
    public string Reveal() => value;

    public override string ToString() => Mask;

    public bool Equals(Secret? other) =>
        other is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(other.value));

    public override bool Equals(object? obj) => obj is Secret other && Equals(other);

    public override int GetHashCode() => value.Length;
}
