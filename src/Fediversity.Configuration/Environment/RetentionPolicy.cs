using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>What the hosting provider must keep after an operator's account is deleted, and for how long.</summary>
public sealed record RetentionPolicy
{
    /// <summary>About seven years, a common legal period for keeping invoicing records.</summary>
    public const int DefaultAccountingDays = 2557;

    [Description("How many days the accounting records of a deleted operator (which resources they held, " +
        "how big, from when to when) are kept before they are purged. 0 purges them with the account.")]
    [Range(0, 36525)]
    public int AccountingDays { get; init; } = DefaultAccountingDays;
}
