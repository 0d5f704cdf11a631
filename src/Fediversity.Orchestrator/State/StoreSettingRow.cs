namespace Fediversity.Orchestrator.State;

/// <summary>A named fact about the store itself, such as the check value of the key its secrets use.</summary>
public sealed class StoreSettingRow
{
    public required string Name { get; set; }

    public required string Value { get; set; }
}
