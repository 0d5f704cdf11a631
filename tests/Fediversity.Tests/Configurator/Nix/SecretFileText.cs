using System.Text;
using Fediversity.Configurator.Nix;

namespace Fediversity.Tests.Configurator.Nix;

/// <summary>Shows secret files as readable text: path, owner, mode, then the content with each secret as
/// <c>{Source}</c>.</summary>
internal static class SecretFileText
{
    public static string Describe(IEnumerable<SecretFileSpec> files)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            text.Append($"== {file.Path} {file.Owner}:{file.Group} {file.Mode}\n");
            text.Append(Content(file));
            text.Append("\n== end\n\n");
        }

        return text.ToString();
    }

    public static string Content(SecretFileSpec file) => string.Concat(file.Content.Select(part => part switch
    {
        LiteralPart literal => literal.Text,
        SecretValuePart secret => "{" + secret.Source + "}",
        _ => throw new InvalidOperationException($"Unknown secret part {part}."),
    }));
}
