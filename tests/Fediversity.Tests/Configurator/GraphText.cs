using System.Security.Cryptography;
using System.Text;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.Configurator;

/// <summary>
/// A resource graph as reviewable text: each resource in dependency order with its inputs; long texts
/// (the NixOS configurations, which have golden files of their own) as their line count and hash.
/// </summary>
internal static class GraphText
{
    public static string Render(ResourceGraph graph)
    {
        var text = new StringBuilder();
        text.Append("deployment ").Append(graph.Deployment).Append('\n');
        foreach (var resource in graph.Order)
        {
            text.Append('\n').Append(resource.Address.Value).Append(" (").Append(resource.Kind).Append(")\n");
            if (!resource.Dependencies.IsEmpty)
            {
                text.Append("  after ").AppendJoin(", ", resource.Dependencies.Select(d => d.Value)).Append('\n');
            }

            foreach (var (name, value) in resource.Inputs)
            {
                text.Append("  ").Append(name).Append(" = ").Append(Format(value)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Format(ResourceValue value) => value switch
    {
        Template template when Flatten(template) is var flat && flat.Contains('\n', StringComparison.Ordinal) =>
            $"template of {flat.Split('\n').Length} lines, sha256 {Hash(flat)}, refers to " +
            string.Join(", ", template.Parts.OfType<OutputReference>().Select(r => r.ToString()).Distinct()),
        Template template => Flatten(template),
        MapValue map => "{ " + string.Join("; ", map.Entries.Select(e => $"{e.Key} = {Format(e.Value)}")) + " }",
        ListValue list => "[" + string.Join(", ", list.Items.Select(Format)) + "]",
        _ => ValueDisplay.Format(value),
    };

    private static string Flatten(Template template) => string.Concat(template.Parts.Select(p => p switch
    {
        TextValue t => t.Text,
        SecretValue => Fediversity.Resources.Secret.Mask,
        _ => p.ToString(),
    }));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
