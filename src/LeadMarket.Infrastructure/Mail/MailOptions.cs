using System.ComponentModel.DataAnnotations;

namespace LeadMarket.Infrastructure.Mail;

/// <summary>How mail leaves the market.</summary>
public enum MailDelivery
{
    /// <summary>Each message is written as an .eml file into <see cref="MailOptions.PickupDirectory"/> (the Development default).</summary>
    Pickup,

    /// <summary>Each message is sent to the SMTP server <see cref="MailOptions.Host"/> (the default outside Development).</summary>
    Smtp,
}

/// <summary>The market's outgoing mail (section "Mail"): the hosted double opt-in's confirmation mails.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary><see cref="MailDelivery.Pickup"/> or <see cref="MailDelivery.Smtp"/>; unset: pickup in Development, SMTP elsewhere.</summary>
    public MailDelivery? Delivery { get; set; }

    /// <summary>The SMTP server (required for <see cref="MailDelivery.Smtp"/>).</summary>
    [MaxLength(255)]
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>True: the connection must switch to TLS with STARTTLS. False: implicit TLS on port 465, else STARTTLS when the server offers it.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>The SMTP account; no authentication when unset.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>LeadMarket &lt;no-reply@market.example.com&gt;</c>.</summary>
    [Required, MaxLength(320)]
    public string From { get; set; } = "LeadMarket <no-reply@localhost>";

    /// <summary>The market's public address, the start of every link in a mail (e.g. <c>https://market.example.com</c>).</summary>
    [Url, MaxLength(200)]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The pickup folder; unset: <c>{Market:DataDirectory}/mail-pickup</c>.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>How long one SMTP exchange may take (kept below the outbox lease, so a hung server does not outlive its claim).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}
