// The planning screens for programme managers and admins (agreements, plans, activities, import):
// importing this module registers them with the router. dashboard.js imports it once.
import './planning-agreements.js';
import './planning-plans.js';
import './planning-activities.js';
import './planning-import.js';
