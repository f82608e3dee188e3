/** Indonesian: the default language of the interface. Same keys as en.ts (checked by a test). */
export const id = {
	'app.title': 'SLMI — Informasi Pasar Kerja Cerdas',
	'app.short': 'SLMI',
	'app.ministry': 'Kementerian Pelindungan Pekerja Migran Indonesia',
	'lang.switch': 'English',
	'overview.title': 'Penempatan pekerja migran Indonesia',
	'chart.placementsByMonth': 'Penempatan per bulan',
	'map.provinces': 'Penempatan menurut provinsi asal',
	'map.world': 'Penempatan menurut negara tujuan',
	'table.month': 'Bulan',
	'table.province': 'Provinsi',
	'table.country': 'Negara',
	'metric.placements': 'Penempatan',
	'state.loading': 'Memuat…',
	'state.empty': 'Tidak ada data untuk pilihan ini.',
	'state.error': 'Data tidak dapat dimuat',
	'map.noData': 'tanpa data',
} as const;
