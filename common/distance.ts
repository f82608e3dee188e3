/**
 * Great-circle distance in km between two points (haversine, Earth radius 6,371 km): a straight
 * line, not a travel distance. Pure, so the web app can use it without the reference loader.
 */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = Math.PI / 180;
	const h =
		Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(h));
}
