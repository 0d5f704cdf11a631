namespace Fediversity.Configuration.Validation;

/// <summary>Checks DNS names and labels and says precisely what is wrong with a bad one.</summary>
internal static class DnsNames
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>What is wrong with <paramref name="name"/> as a domain, or null when it is a good one.</summary>
    public static string? ExplainDomain(string name)
    {
        if (name.Length == 0)
        {
            return "must not be empty; write a domain such as 'acme.example'";
        }

        if (name.Contains("://", StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            return $"'{name}' is an address, not a domain; write only the domain name, without 'https://' "
                + "or a path, for example 'acme.example'";
        }

        if (name.Any(char.IsAsciiLetterUpper))
        {
            return $"'{name}' has upper-case letters; write it in lower case: '{name.ToLowerInvariant()}'";
        }

        if (name.EndsWith('.'))
        {
            return $"'{name}' ends with a dot; leave it out: '{name.TrimEnd('.')}'";
        }

        if (name.Length > MaxNameLength)
        {
            return $"is {name.Length} characters long; a domain has at most {MaxNameLength}";
        }

        var labels = name.Split('.');
        if (labels.Length < 2)
        {
            return $"'{name}' has only one part; a domain has at least two, separated by dots, "
                + $"for example '{name}.example'";
        }

        if (labels.Select(label => ExplainLabel(label, name)).FirstOrDefault(m => m is not null) is { } problem)
        {
            return problem;
        }

        return labels[^1].All(char.IsAsciiDigit)
            ? $"'{name}' ends in a number; the last part of a domain must hold a letter"
            : null;
    }

    /// <summary>What is wrong with <paramref name="label"/> as one part of a name, or null.</summary>
    public static string? ExplainLabel(string label, string? within = null)
    {
        var where = within is null ? $"'{label}'" : $"the part '{label}' of '{within}'";
        if (label.Length == 0)
        {
            return within is null
                ? "must not be empty"
                : $"'{within}' has an empty part between two dots";
        }

        if (label.Length > MaxLabelLength)
        {
            return $"{where} is {label.Length} characters long; at most {MaxLabelLength} are allowed";
        }

        if (label.Any(char.IsAsciiLetterUpper))
        {
            return $"{where} has upper-case letters; write it in lower case: '{label.ToLowerInvariant()}'";
        }

        if (!label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return $"{where} may hold only lowercase letters, digits and dashes";
        }

        return label.StartsWith('-') || label.EndsWith('-')
            ? $"{where} must not start or end with a dash"
            : null;
    }
}
