using System.Text.Json.Nodes;

namespace Fediversity.Tests.Configuration;

/// <summary>The committed examples as editable JSON, to make one mistake at a time in tests.</summary>
internal static class ExampleDocuments
{
    public static string Operator(Action<JsonObject> change) => Edit("operator.json", change);

    public static string ProxmoxEnvironment(Action<JsonObject> change) => Edit("environment.proxmox.json", change);

    public static string SandboxEnvironment(Action<JsonObject> change) => Edit("environment.sandbox.json", change);

    public static string ExamplesFolder => RepositoryFiles.PathOf("examples");

    private static string Edit(string file, Action<JsonObject> change)
    {
        var document = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("examples", file)))!.AsObject();
        change(document);
        return document.ToJsonString();
    }
}
