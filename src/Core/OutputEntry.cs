namespace Site.Core;

/// <summary>One published file: the hash of its bytes and the identity (<see cref="FileStat"/>) it had when it was published.</summary>
public sealed record OutputEntry(ContentHash Hash, FileStat Stat);
