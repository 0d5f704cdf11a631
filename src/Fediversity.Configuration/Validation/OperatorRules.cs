using System.Text.Json;
using Fediversity.Configuration.Operator;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Validation;

/// <summary>The checks on an operator configuration that its schema cannot express, or words better.</summary>
internal static class OperatorRules
{
    private const int MastodonUsernameLength = 30;

    public static IEnumerable<ValidationProblem> Check(OperatorConfiguration configuration)
    {
        if (DnsNames.ExplainDomain(configuration.Domain) is { } domain)
        {
            yield return new("$.domain", domain);
        }

        foreach (var (name, options) in configuration.Applications.Present())
        {
            var path = DocumentPath.Property("$.applications", JsonName(name));
            foreach (var problem in CheckApplication(name, options, path))
            {
                yield return problem;
            }
        }

        foreach (var problem in SharedSubdomains(configuration.Applications))
        {
            yield return problem;
        }
    }

    /// <summary>The name an application has in the document, such as <c>mastodon</c>.</summary>
    internal static string JsonName(ApplicationName name) => JsonNamingPolicy.CamelCase.ConvertName(name.ToString());

    private static IEnumerable<ValidationProblem> CheckApplication(
        ApplicationName name, ApplicationOptions options, string path)
    {
        if (DnsNames.ExplainLabel(options.Subdomain) is { } subdomain)
        {
            yield return new($"{path}.subdomain", subdomain);
        }

        var username = name == ApplicationName.Mastodon
            ? ExplainMastodonUsername(options.Admin.Username)
            : ExplainUsername(options.Admin.Username);
        if (username is not null)
        {
            yield return new($"{path}.admin.username", username);
        }

        if (ExplainEmail(options.Admin.Email) is { } email)
        {
            yield return new($"{path}.admin.email", email);
        }

        if (!options.Enabled && options.Media is ManagedMedia && options.DataWhenDisabled is null)
        {
            yield return new($"{path}.dataWhenDisabled",
                "the application is disabled, so say what becomes of its media: 'keep' keeps the bucket for later, "
                + "'delete' empties and removes it");
        }

        if (options.Media is ExistingBucketMedia bucket)
        {
            foreach (var problem in CheckBucket(bucket, $"{path}.media"))
            {
                yield return problem;
            }
        }
    }

    private static string? ExplainMastodonUsername(string username)
    {
        if (ExplainUsername(username) is { } general)
        {
            return general;
        }

        var wrong = username.Where(c => !char.IsAsciiLetterOrDigit(c) && c != '_').Distinct().ToList();
        if (wrong.Count > 0)
        {
            var characters = string.Join(", ", wrong.Select(c => $"'{c}'"));
            var suggestion = new string([.. username.Select(c => wrong.Contains(c) ? '_' : c)]);
            return $"Mastodon user names may hold only letters, digits and underscores, and '{username}' "
                + $"has {characters}; use for example '{suggestion}'";
        }

        return username.Length > MastodonUsernameLength
            ? $"Mastodon user names have at most {MastodonUsernameLength} characters; '{username}' has "
                + username.Length
            : null;
    }

    private static string? ExplainUsername(string username)
    {
        if (string.IsNullOrWhiteSpace(username))
        {
            return "must not be empty; choose the administrator's user name, for example 'admin'";
        }

        if (username.StartsWith('@'))
        {
            return $"write the user name without the leading '@': '{username.TrimStart('@')}'";
        }

        return username.Any(char.IsWhiteSpace)
            ? $"'{username}' has spaces; a user name is one word, for example '{string.Concat(username.Split())}'"
            : null;
    }

    private static string? ExplainEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (email.Any(char.IsWhiteSpace) || at <= 0 || at != email.LastIndexOf('@')
            || !email[(at + 1)..].Contains('.', StringComparison.Ordinal)
            || email.EndsWith('.') || email[(at + 1)..].StartsWith('.'))
        {
            var wanted = ConfigurationPatterns.Explain(ConfigurationPatterns.Email);
            return $"'{email}' does not look like an e-mail address; use {wanted}";
        }

        return null;
    }

    private static IEnumerable<ValidationProblem> CheckBucket(ExistingBucketMedia bucket, string path)
    {
        if (string.IsNullOrWhiteSpace(bucket.Bucket))
        {
            yield return new($"{path}.bucket", "must name the bucket the hosting provider handed over");
        }

        if (string.IsNullOrWhiteSpace(bucket.AccessKeyId))
        {
            yield return new($"{path}.accessKeyId", "must hold the access key id that goes with the bucket");
        }

        if (string.IsNullOrWhiteSpace(bucket.SecretAccessKey))
        {
            yield return new($"{path}.secretAccessKey", "must hold the secret key that goes with the access key id");
        }
    }

    /// <summary>Two enabled applications cannot answer under the same name.</summary>
    private static IEnumerable<ValidationProblem> SharedSubdomains(ApplicationSet applications)
    {
        var taken = new Dictionary<string, ApplicationName>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, options) in applications.Enabled())
        {
            if (taken.TryGetValue(options.Subdomain, out var first))
            {
                yield return new(
                    DocumentPath.Property("$.applications", JsonName(name)) + ".subdomain",
                    $"{JsonName(name)} and {JsonName(first)} both use the subdomain '{options.Subdomain}'; "
                        + $"give {JsonName(name)} a subdomain of its own");
            }
            else
            {
                taken.Add(options.Subdomain, name);
            }
        }
    }
}
