using Fediversity.Configuration.Operator;
using Fediversity.Panel.Configuration;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Fediversity.Panel.Pages.Configuration;

/// <summary>What the form section of one application needs to render.</summary>
internal sealed record ApplicationSection(
    ApplicationName Name, string Label, string Description, ApplicationForm App, bool Offered, ModelStateDictionary State)
{
    public string Prefix => $"Form.{Name}";

    public string Id(string field) => $"{Name.ToString().ToLowerInvariant()}-{field.ToLowerInvariant()}";

    public string? Error(string field) =>
        State.TryGetValue($"{Prefix}.{field}", out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;

    public string Invalid(string field) => Error(field) is null ? "" : "input-invalid";
}
