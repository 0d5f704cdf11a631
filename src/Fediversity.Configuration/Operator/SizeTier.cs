namespace Fediversity.Configuration.Operator;

/// <summary>A machine size, as the hosting provider defines it in its environment.</summary>
public enum SizeTier
{
    Small,
    Medium,
    Large,
}
