using System.Globalization;
using System.Text;

namespace Fediversity.Configurator.Nix;

/// <summary>Writes a NixOS module line by line, two spaces per level, with <c>\n</c> line ends.</summary>
/// <remarks>Paths given to the writing methods must already be safe; build them with
/// <see cref="NixString.AttributePath"/> when a part comes from outside.</remarks>
internal sealed class NixWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Starts the module: its argument set and its opening brace.</summary>
    public NixWriter(IEnumerable<string> headerComments)
    {
        foreach (var comment in headerComments)
        {
            Comment(comment);
        }

        Line("{ config, pkgs, lib, ... }:");
        Line("{");
        _depth++;
    }

    /// <summary>A comment line; line breaks in the text become spaces so it cannot end the comment.</summary>
    public void Comment(string text) => Line("# " + text.ReplaceLineEndings(" "));

    public void Blank() => _text.Append('\n');

    /// <summary>Opens <c>path = {</c>; <see cref="Close"/> ends it.</summary>
    public void Open(string path)
    {
        Line(path + " = {");
        _depth++;
    }

    public void Close()
    {
        _depth--;
        Line("};");
    }

    public void String(string path, string value) => Raw(path, NixString.Quote(value));

    public void Bool(string path, bool value) => Raw(path, value ? "true" : "false");

    public void Int(string path, int value) => Raw(path, value.ToString(CultureInfo.InvariantCulture));

    public void Null(string path) => Raw(path, "null");

    public void OptionalString(string path, string? value)
    {
        if (value is null)
        {
            Null(path);
        }
        else
        {
            String(path, value);
        }
    }

    /// <summary>A list of strings: on one line when it has one item, otherwise one item per line.</summary>
    public void StringList(string path, IReadOnlyList<string> values) =>
        List(path, values.Select(NixString.Quote).ToList());

    public void IntList(string path, IReadOnlyList<int> values) =>
        Raw(path, "[ " + string.Join(' ', values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + " ]");

    /// <summary>Writes <c>path = expression;</c> with the expression as it is.</summary>
    public void Raw(string path, string expression) => Line(path + " = " + expression + ";");

    private void List(string path, List<string> items)
    {
        if (items.Count == 1)
        {
            Raw(path, "[ " + items[0] + " ]");
            return;
        }

        Line(path + " = [");
        _depth++;
        foreach (var item in items)
        {
            Line(item);
        }

        _depth--;
        Line("];");
    }

    /// <summary>Closes the module and returns its text.</summary>
    public string Finish()
    {
        _depth--;
        if (_depth != 0)
        {
            throw new InvalidOperationException("An attribute set was left open while writing the module.");
        }

        Line("}");
        return _text.ToString();
    }

    private void Line(string text)
    {
        _text.Append(' ', _depth * 2);
        _text.Append(text);
        _text.Append('\n');
    }
}
