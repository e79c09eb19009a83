using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace LeadMarket.Infrastructure.Identity;

/// <summary>A person who signs in: buyer, publisher or admin (by role).</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>Company or trading name shown to admins; never shown to other market participants.</summary>
    [PersonalData]
    public string? CompanyName { get; set; }

    /// <summary>The language the person chose ("en", "de"); none: the browser's language.</summary>
    [MaxLength(10)]
    public string? Culture { get; set; }

    /// <summary>The IANA time zone times are shown in (e.g. "Europe/Berlin"); none: the market's default.</summary>
    [MaxLength(64)]
    public string? TimeZone { get; set; }
}
