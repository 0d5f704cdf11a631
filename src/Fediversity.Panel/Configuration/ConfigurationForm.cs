using System.Text.Json.Nodes;
using Fediversity.Configuration.Json;
using Fediversity.Configuration.Operator;
using Fediversity.Panel.Data;

namespace Fediversity.Panel.Configuration;

/// <summary>
/// The configuration page's form, and its translation to and from the operator configuration document
/// that the command line reads, so that both are validated by the same rules.
/// </summary>
internal sealed class ConfigurationForm
{
    public string Domain { get; set; } = "";

    public ApplicationForm Mastodon { get; set; } = new();

    public ApplicationForm Pixelfed { get; set; } = new();

    public ApplicationForm Peertube { get; set; } = new();

    public ApplicationForm this[ApplicationName name] => name switch
    {
        ApplicationName.Mastodon => Mastodon,
        ApplicationName.Pixelfed => Pixelfed,
        _ => Peertube,
    };

    /// <summary>The form for a saved configuration, or sensible first choices when there is none.</summary>
    public static ConfigurationForm From(OperatorConfiguration? saved, OperatorAccount account, string email)
    {
        var form = new ConfigurationForm { Domain = saved?.Domain ?? "" };
        var admin = account.Slug.Replace('-', '_');
        var defaults = new Dictionary<ApplicationName, string>
        {
            [ApplicationName.Mastodon] = "social",
            [ApplicationName.Pixelfed] = "photos",
            [ApplicationName.Peertube] = "video",
        };

        foreach (var name in Enum.GetValues<ApplicationName>())
        {
            var target = form[name];
            var options = saved?.Applications.Present().Where(a => a.Name == name).Select(a => a.Options).FirstOrDefault();
            if (options is null)
            {
                target.Subdomain = defaults[name];
                target.AdminUsername = admin.Length > 30 ? admin[..30] : admin;
                target.AdminEmail = email;
                continue;
            }

            target.WasPresent = true;
            target.Enabled = options.Enabled;
            target.Subdomain = options.Subdomain;
            target.Registrations = Word(options.Registrations);
            target.AdminUsername = options.Admin.Username;
            target.AdminEmail = options.Admin.Email;
            target.Size = Word(options.Size);
            target.DataWhenDisabled = options.DataWhenDisabled is { } d ? Word(d) : null;
            if (options.Media is ExistingBucketMedia existing)
            {
                target.Media = "existing";
                target.Bucket = existing.Bucket;
                target.AccessKeyId = existing.AccessKeyId;
            }
        }

        return form;
    }

    /// <summary>
    /// The document for this form. An application goes in when it is enabled or was in the saved version
    /// (so that disabling it says what becomes of its data); a blank secret keeps the saved one.
    /// </summary>
    public string ToJson(OperatorAccount account, OperatorConfiguration? saved)
    {
        var applications = new JsonObject();
        foreach (var name in Enum.GetValues<ApplicationName>())
        {
            var app = this[name];
            var key = name.ToString().ToLowerInvariant();
            if (!app.Enabled && !app.WasPresent)
            {
                continue;
            }

            var node = new JsonObject
            {
                ["enabled"] = app.Enabled,
                ["subdomain"] = (app.Subdomain ?? "").Trim(),
                ["registrations"] = app.Registrations,
                ["admin"] = new JsonObject
                {
                    ["username"] = (app.AdminUsername ?? "").Trim(),
                    ["email"] = (app.AdminEmail ?? "").Trim(),
                },
                ["size"] = app.Size,
            };

            if (app.Media == "existing")
            {
                var stored = saved?.Applications.Present().Where(a => a.Name == name)
                    .Select(a => a.Options.Media).OfType<ExistingBucketMedia>().FirstOrDefault();
                node["media"] = new JsonObject
                {
                    ["type"] = "existing",
                    ["bucket"] = (app.Bucket ?? "").Trim(),
                    ["accessKeyId"] = (app.AccessKeyId ?? "").Trim(),
                    ["secretAccessKey"] = string.IsNullOrEmpty(app.SecretAccessKey)
                        ? stored?.SecretAccessKey ?? ""
                        : app.SecretAccessKey.Trim(),
                };
            }
            else
            {
                node["media"] = new JsonObject { ["type"] = "managed" };
            }

            if (!app.Enabled && !string.IsNullOrEmpty(app.DataWhenDisabled))
            {
                node["dataWhenDisabled"] = app.DataWhenDisabled;
            }

            applications[key] = node;
        }

        var document = new JsonObject
        {
            ["version"] = OperatorConfiguration.CurrentVersion,
            ["operator"] = new JsonObject { ["slug"] = account.Slug, ["displayName"] = account.DisplayName },
            ["domain"] = (Domain ?? "").Trim().ToLowerInvariant(),
            ["applications"] = applications,
        };
        return document.ToJsonString(ConfigurationJson.Options);
    }

    /// <summary>The form field a problem's JSON path is about; the empty string for the page as a whole.</summary>
    public static string FieldFor(string path)
    {
        string[] fields =
        [
            "enabled", "subdomain", "registrations", "admin.username", "admin.email", "size", "media.bucket",
            "media.accessKeyId", "media.secretAccessKey", "media", "dataWhenDisabled",
        ];
        string[] names =
        [
            "Enabled", "Subdomain", "Registrations", "AdminUsername", "AdminEmail", "Size", "Bucket",
            "AccessKeyId", "SecretAccessKey", "Media", "DataWhenDisabled",
        ];

        if (path.StartsWith("$.domain", StringComparison.Ordinal))
        {
            return "Form.Domain";
        }

        foreach (var name in Enum.GetValues<ApplicationName>())
        {
            var prefix = $"$.applications.{name.ToString().ToLowerInvariant()}";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = path[prefix.Length..].TrimStart('.');
            for (var i = 0; i < fields.Length; i++)
            {
                if (rest.StartsWith(fields[i], StringComparison.Ordinal))
                {
                    return $"Form.{name}.{names[i]}";
                }
            }

            return rest.StartsWith("admin", StringComparison.Ordinal) ? $"Form.{name}.AdminUsername" : $"Form.{name}.Enabled";
        }

        return "";
    }

    private static string Word<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
