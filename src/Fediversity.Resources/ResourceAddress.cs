namespace Fediversity.Resources;

/// <summary>
/// The stable name of a resource across runs, for example <c>operators/acme/mastodon/vm</c>.
/// Plans and recorded state line up by address, never by a database id.
/// </summary>
public readonly record struct ResourceAddress(string Value) : IComparable<ResourceAddress>
{
    public int CompareTo(ResourceAddress other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(ResourceAddress left, ResourceAddress right) => left.CompareTo(right) < 0;

    public static bool operator <=(ResourceAddress left, ResourceAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >(ResourceAddress left, ResourceAddress right) => left.CompareTo(right) > 0;

    public static bool operator >=(ResourceAddress left, ResourceAddress right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value;
}
