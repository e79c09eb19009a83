using System.ComponentModel.DataAnnotations;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>The hosted double opt-in (section "DoubleOptIn").</summary>
public sealed class DoubleOptInOptions
{
    public const string Section = "DoubleOptIn";

    /// <summary>How long a confirmation link is valid; a lead not confirmed by then expires and is never listed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How often the expiry worker looks for unconfirmed leads past their time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(1);
}
