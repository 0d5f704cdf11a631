namespace Fediversity.Configuration.Operator;

/// <summary>Who may sign up to an application.</summary>
public enum Registrations
{
    Closed,
    Open,
}
