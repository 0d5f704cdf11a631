using System.Collections.Immutable;

namespace Fediversity.Resources.Values;

/// <summary>
/// A value of a resource input or output. Concrete values (text, number, flag, list, map, secret)
/// are what providers receive; <see cref="OutputReference"/> and <see cref="Template"/> appear only
/// in the desired graph and are resolved against other resources' outputs before a provider sees them.
/// </summary>
public abstract record ResourceValue
{
    public static ResourceValue Of(string text) => new TextValue(text);

    public static ResourceValue Of(long number) => new NumberValue(number);

    public static ResourceValue Of(bool flag) => new FlagValue(flag);

    public static ResourceValue Of(Secret secret) => new SecretValue(secret);

    public static ResourceValue ListOf(params IEnumerable<ResourceValue> items) => new ListValue([.. items]);

    public static ResourceValue ListOf(params IEnumerable<string> items) => new ListValue([.. items.Select(Of)]);

    /// <summary>Whether this value, or anything inside it, refers to another resource.</summary>
    public abstract bool IsResolved { get; }

    /// <summary>Whether this value, or anything inside it, is a secret.</summary>
    public abstract bool IsSensitive { get; }

    /// <summary>The addresses this value refers to.</summary>
    public virtual IEnumerable<ResourceAddress> References => [];
}

/// <summary>A plain string.</summary>
public sealed record TextValue(string Text) : ResourceValue
{
    public override bool IsResolved => true;

    public override bool IsSensitive => false;
}

/// <summary>A whole number.</summary>
public sealed record NumberValue(long Number) : ResourceValue
{
    public override bool IsResolved => true;

    public override bool IsSensitive => false;
}

/// <summary>A boolean.</summary>
public sealed record FlagValue(bool Flag) : ResourceValue
{
    public override bool IsResolved => true;

    public override bool IsSensitive => false;
}

/// <summary>A secret; it never shows in a plan, an event or a log.</summary>
public sealed record SecretValue(Secret Secret) : ResourceValue
{
    public override bool IsResolved => true;

    public override bool IsSensitive => true;
}

/// <summary>An ordered list.</summary>
public sealed record ListValue(ImmutableArray<ResourceValue> Items) : ResourceValue
{
    public override bool IsResolved => Items.All(i => i.IsResolved);

    public override bool IsSensitive => Items.Any(i => i.IsSensitive);

    public override IEnumerable<ResourceAddress> References => Items.SelectMany(i => i.References);

    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}

/// <summary>A map from names to values, kept sorted by name.</summary>
public sealed record MapValue(ImmutableSortedDictionary<string, ResourceValue> Entries) : ResourceValue
{
    public override bool IsResolved => Entries.Values.All(i => i.IsResolved);

    public override bool IsSensitive => Entries.Values.Any(i => i.IsSensitive);

    public override IEnumerable<ResourceAddress> References => Entries.Values.SelectMany(i => i.References);

    public bool Equals(MapValue? other) =>
        other is not null && Entries.Count == other.Entries.Count &&
        Entries.All(e => other.Entries.TryGetValue(e.Key, out var v) && v.Equals(e.Value));

    public override int GetHashCode() => Entries.Count;
}

/// <summary>An output of another resource, known once that resource exists. It is also a dependency.</summary>
public sealed record OutputReference(ResourceAddress Address, string Output) : ResourceValue
{
    public override bool IsResolved => false;

    public override bool IsSensitive => false;

    public override IEnumerable<ResourceAddress> References => [Address];

    public override string ToString() => $"${{{Address}.{Output}}}";
}

/// <summary>
/// Text made of literal parts and references, such as an environment file that holds an S3 key.
/// It resolves to text, or to a secret when any part is secret.
/// </summary>
public sealed record Template(ImmutableArray<ResourceValue> Parts) : ResourceValue
{
    public override bool IsResolved => false;

    public override bool IsSensitive => Parts.Any(i => i.IsSensitive);

    public override IEnumerable<ResourceAddress> References => Parts.SelectMany(i => i.References);

    public bool Equals(Template? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Length;
}
