namespace LeadMarket.Web.Resources;

// Marker types of the resource files beside them (UiText.resx and UiText.de.resx, ...): inject
// IStringLocalizer<UiText> and the like. English is the neutral resource; each German file holds the same keys.

/// <summary>The shell, navigation and market pages (rooms list, publisher desk, my leads, integrations, admin).</summary>
public sealed class UiText;

/// <summary>The account pages (sign-in, registration, account management) and Identity's own messages.</summary>
public sealed class AccountText;

/// <summary>Bids: rejection reasons for pages, hub and REST, and the room page's and lot cards' words.</summary>
public sealed class BidText;

/// <summary>Intake: the pre-ping's rejections (<c>Error.&lt;code&gt;</c>, <c>Error.&lt;code&gt;.&lt;field&gt;</c>), the lead's column labels (<c>Field.&lt;name&gt;</c>) and the score's factors (<c>Score.&lt;factor&gt;</c>).</summary>
public sealed class IntakeText;

/// <summary>The hosted double opt-in's confirmation page (the link in the confirmation mail), shown in the lead's language.</summary>
public sealed class DoiText;
