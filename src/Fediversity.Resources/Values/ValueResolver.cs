using System.Collections.Immutable;
using System.Text;

namespace Fediversity.Resources.Values;

/// <summary>Resolves references and templates against the outputs of the resources they name.</summary>
public static class ValueResolver
{
    /// <summary>
    /// Resolves <paramref name="value"/>; returns <c>null</c> when a referenced output is not known
    /// (its resource does not exist yet, or is about to be replaced).
    /// </summary>
    public static ResourceValue? TryResolve(ResourceValue value, Func<OutputReference, ResourceValue?> lookup) =>
        value switch
        {
            // Most values refer to nothing: they are their own resolution, with nothing to copy.
            TextValue or NumberValue or FlagValue or SecretValue => value,
            OutputReference reference => lookup(reference),
            ListValue or MapValue when value.IsResolved => value,
            ListValue list => ResolveAll(list.Items, lookup) is { } items ? new ListValue(items) : null,
            MapValue map => ResolveMap(map, lookup),
            Template template => ResolveTemplate(template, lookup),
            _ => value,
        };

    private static ImmutableArray<ResourceValue>? ResolveAll(
        ImmutableArray<ResourceValue> values, Func<OutputReference, ResourceValue?> lookup)
    {
        var builder = ImmutableArray.CreateBuilder<ResourceValue>(values.Length);
        foreach (var item in values)
        {
            if (TryResolve(item, lookup) is not { } resolved)
            {
                return null;
            }

            builder.Add(resolved);
        }

        return builder.MoveToImmutable();
    }

    private static MapValue? ResolveMap(MapValue map, Func<OutputReference, ResourceValue?> lookup)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ResourceValue>(StringComparer.Ordinal);
        foreach (var (key, item) in map.Entries)
        {
            if (TryResolve(item, lookup) is not { } resolved)
            {
                return null;
            }

            builder[key] = resolved;
        }

        return new MapValue(builder.ToImmutable());
    }

    private static ResourceValue? ResolveTemplate(Template template, Func<OutputReference, ResourceValue?> lookup)
    {
        if (ResolveAll(template.Parts, lookup) is not { } parts)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part switch
            {
                TextValue t => t.Text,
                NumberValue n => n.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                FlagValue f => f.Flag ? "true" : "false",
                SecretValue s => s.Secret.Reveal(),
                _ => throw new InvalidOperationException($"A {part.GetType().Name} cannot be part of a template."),
            });
        }

        var joined = text.ToString();
        return template.IsSensitive || parts.Any(p => p.IsSensitive)
            ? new SecretValue(new Secret(joined))
            : new TextValue(joined);
    }
}
