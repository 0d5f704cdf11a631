using Microsoft.AspNetCore.Identity;

namespace Fediversity.Panel.Data;

/// <summary>Someone who signs in to the panel: an operator's person, or hosting-provider staff.</summary>
internal sealed class PanelUser : IdentityUser
{
    /// <summary>The operator this user acts for; staff without an operator of their own have none.</summary>
    public long? OperatorId { get; set; }
}
