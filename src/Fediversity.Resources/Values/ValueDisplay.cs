using System.Globalization;

namespace Fediversity.Resources.Values;

/// <summary>Short, human forms of values for plans and events. Secrets show as <c>(sensitive)</c>.</summary>
public static class ValueDisplay
{
    public const string KnownAfterApply = "(known after apply)";

    public static string Format(ResourceValue? value) => value switch
    {
        null => KnownAfterApply,
        TextValue t when t.Text.Contains('\n', StringComparison.Ordinal) =>
            $"({t.Text.Split('\n').Length} lines)",
        TextValue t => $"\"{t.Text}\"",
        NumberValue n => n.Number.ToString(CultureInfo.InvariantCulture),
        FlagValue f => f.Flag ? "true" : "false",
        SecretValue => Secret.Mask,
        ListValue l => $"[{string.Join(", ", l.Items.Select(Format))}]",
        MapValue m => $"{{{string.Join(", ", m.Entries.Select(e => $"{e.Key} = {Format(e.Value)}"))}}}",
        OutputReference r => r.ToString(),
        Template t when t.IsSensitive => Secret.Mask,
        Template t => string.Concat(t.Parts.Select(p => p is TextValue text ? text.Text : Format(p))),
        _ => value.GetType().Name,
    };
}
