using Microsoft.AspNetCore.Identity;

namespace LeadMarket.Infrastructure.Identity;

/// <summary>A person who signs in: buyer, publisher or admin (by role).</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>Company or trading name shown to admins; never shown to other market participants.</summary>
    [PersonalData]
    public string? CompanyName { get; set; }
}
